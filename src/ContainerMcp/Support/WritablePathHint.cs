using ContainerMcp.Engine.Containers;

namespace ContainerMcp.Support;

/// <summary>
/// What to tell a user whose server failed to write (the engine recognises it: <see cref="FilesystemDenial"/>):
/// the root filesystem is read-only on purpose, and how to give the server a writable path that is kept.
/// </summary>
internal static class WritablePathHint
{
    /// <summary>The hint for a failure's text, or null when the text shows no refused write.</summary>
    public static string? For(string? failure, string? serverName)
    {
        if (!FilesystemDenial.Matches(failure)) return null;
        var server = serverName is null ? "the server" : $"MCP server '{serverName}'";
        var statePath = serverName is not null && McpServerRegistry.Shared.TryGet(serverName, out var running)
            ? running.Definition.Container.StatePath
            : null;
        return statePath is null
            ? $"The container's root filesystem is read-only by design, and /tmp is emptied with each container. To give " +
              $"{server} a writable path that is kept across restarts, start it with -StatePath /data (state: {{ path: /data }} in YAML): " +
              "a volume of its own is mounted there. Then point the server's data files under /data (often an environment variable, " +
              "e.g. -Environment @{ MEMORY_FILE_PATH = '/data/memory.jsonl' } for server-memory)."
            : $"The container's root filesystem is read-only by design: {server} can write only under {statePath} (its state " +
              $"volume) and /tmp. Point its data files under {statePath}.";
    }

    /// <summary>The error with the hint as its recommended action (PowerShell shows it under the message), when it is about a refused write.</summary>
    public static ErrorRecord Add(ErrorRecord record, string? serverName)
    {
        if (For(record.Exception.Message, serverName) is { } hint)
            record.ErrorDetails = new ErrorDetails(record.ErrorDetails?.Message ?? record.Exception.Message) { RecommendedAction = hint };
        return record;
    }
}
