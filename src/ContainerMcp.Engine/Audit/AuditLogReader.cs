using System.Text.Json;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Engine.Audit;

/// <summary>What to read back from an audit log; every condition given must hold.</summary>
public sealed record AuditQuery
{
    /// <summary>Server name patterns (wildcards); null or empty takes all.</summary>
    public IReadOnlyList<string>? Server { get; init; }

    /// <summary>Tool name patterns (wildcards); null or empty takes all (lifecycle events too).</summary>
    public IReadOnlyList<string>? Tool { get; init; }

    public DateTimeOffset? Since { get; init; }

    /// <summary>Only records whose outcome is not success.</summary>
    public bool FailedOnly { get; init; }
}

/// <summary>Reads an audit log back, rotated files first, oldest first. A line that is not a record is skipped and counted.</summary>
public static class AuditLogReader
{
    public static IEnumerable<AuditRecord> Read(string path, AuditQuery query, Action<string>? skipped = null)
    {
        var servers = query.Server is { Count: > 0 } s ? s.Select(NamePattern.ToRegex).ToList() : null;
        var tools = query.Tool is { Count: > 0 } t ? t.Select(NamePattern.ToRegex).ToList() : null;
        foreach (var file in AuditLog.Files(path))
        {
            int lineNumber = 0;
            foreach (var line in ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                AuditRecord? record;
                try { record = JsonSerializer.Deserialize<AuditRecord>(line, AuditRecord.Json); }
                catch (JsonException) { record = null; }
                if (record is null)
                {
                    skipped?.Invoke($"{file}:{lineNumber} is not an audit record; skipped.");
                    continue;
                }
                if (servers is not null && !servers.Any(r => r.IsMatch(record.Server))) continue;
                if (tools is not null && (record.Tool is null || !tools.Any(r => r.IsMatch(record.Tool)))) continue;
                if (query.Since is { } since && record.Time < since) continue;
                if (query.FailedOnly && !record.Failed) continue;
                yield return record;
            }
        }
    }

    // Shared, so a session appending at the same time does not stop the reading.
    private static IEnumerable<string> ReadLines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line) yield return line;
    }
}
