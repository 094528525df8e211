using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerMcp.Engine.Audit;

/// <summary>
/// One line of the audit log: a tool call (<see cref="AuditEvents.Call"/>) or a lifecycle event of a server.
/// Argument values appear only when the user opted in, and then with secret-looking values redacted.
/// </summary>
public sealed record AuditRecord
{
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;
    public required string Event { get; init; }
    public string User { get; init; } = Environment.UserName;
    public string Host { get; init; } = Environment.MachineName;
    public required string Server { get; init; }
    public string? Image { get; init; }
    public string? ContainerId { get; init; }
    public string? Tool { get; init; }
    public IReadOnlyList<string>? ArgumentNames { get; init; }

    /// <summary>SHA-256 of the arguments' canonical JSON: tells equal calls apart without keeping the values.</summary>
    public string? ArgumentsHash { get; init; }

    /// <summary>The values, redacted; only with IncludeArgumentValues.</summary>
    public JsonElement? Arguments { get; init; }

    public double? DurationMs { get; init; }

    /// <summary>For an egress record: the request's method (CONNECT, GET …) and where it went (host:port).</summary>
    public string? Method { get; init; }
    public string? Destination { get; init; }

    /// <summary>success, tool-error, timeout, filtered, cancelled or failed; for egress, allowed or denied.</summary>
    public required string Outcome { get; init; }

    public string? Error { get; init; }

    /// <summary>Neither a success nor an egress request the allow-list let through.</summary>
    [JsonIgnore]
    public bool Failed => Outcome is not (Observability.Outcomes.Success or EgressAllowed);

    /// <summary>The outcome of an egress request the allow-list let through.</summary>
    public const string EgressAllowed = "allowed";

    /// <summary>The W3C trace id of the span that did this, to find it in a tracing backend.</summary>
    public string? TraceId { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The events the audit log records.</summary>
public static class AuditEvents
{
    public const string Call = "call";
    public const string Start = "start";
    public const string Restart = "restart";
    public const string Rotation = "rotation";
    public const string Exit = "exit";
    public const string Idle = "idle";
    public const string Stop = "stop";

    /// <summary>A request through a server's egress proxy, allowed or denied by its allow-list.</summary>
    public const string Egress = "egress";
}
