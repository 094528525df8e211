using ContainerMcp.Engine.Audit;

namespace ContainerMcp;

/// <summary>
/// One line of the audit log: a tool call (Event "call") or a server's start, restart, rotation, exit, idle or
/// stop. Arguments holds values only when they were recorded (CONTAINERMCP_AUDIT_ARGUMENT_VALUES), secrets redacted.
/// </summary>
public sealed class McpAuditEntry
{
    internal McpAuditEntry(AuditRecord record, string path)
    {
        Time = record.Time.ToLocalTime();
        Event = record.Event;
        User = record.User;
        Host = record.Host;
        ServerName = record.Server;
        Image = record.Image;
        ContainerId = record.ContainerId;
        Tool = record.Tool;
        ArgumentNames = record.ArgumentNames?.ToArray() ?? [];
        ArgumentsHash = record.ArgumentsHash;
        Arguments = record.Arguments?.GetRawText();
        DurationMs = record.DurationMs;
        Outcome = record.Outcome;
        Error = record.Error;
        Method = record.Method;
        Destination = record.Destination;
        Failed = record.Failed;
        TraceId = record.TraceId;
        Path = path;
    }

    public DateTimeOffset Time { get; }
    public string Event { get; }
    public string User { get; }
    public string Host { get; }
    public string ServerName { get; }
    public string? Image { get; }
    public string? ContainerId { get; }
    public string? Tool { get; }
    public string[] ArgumentNames { get; }
    public string? ArgumentsHash { get; }

    /// <summary>The recorded values as JSON, secret-looking ones as ***; null unless values were recorded.</summary>
    public string? Arguments { get; }

    public double? DurationMs { get; }

    /// <summary>success, tool-error, timeout, filtered, cancelled or failed; for Event "egress", allowed or denied.</summary>
    public string Outcome { get; }

    public bool Failed { get; }

    /// <summary>For Event "egress": the request's method (CONNECT, GET …) and its host:port.</summary>
    public string? Method { get; }
    public string? Destination { get; }
    public string? Error { get; }
    public string? TraceId { get; }

    /// <summary>The log this entry was read from (rotated files are read too, oldest first).</summary>
    public string Path { get; }

    public override string ToString() =>
        string.Join(' ', new[] { Time.ToString("u", System.Globalization.CultureInfo.InvariantCulture), ServerName, Event, Tool, Method, Destination, Outcome }
            .Where(p => !string.IsNullOrEmpty(p)));
}
