using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>A tool a server offers, with the server it belongs to.</summary>
public sealed record McpToolInfo(
    string ServerName,
    string Name,
    string? Title,
    string? Description,
    JsonElement InputSchema,
    JsonElement? OutputSchema,
    McpToolHints Hints);

/// <summary>The tool's annotations: hints from the server, not guarantees.</summary>
public sealed record McpToolHints(bool? ReadOnly, bool? Destructive, bool? Idempotent, bool? OpenWorld);
