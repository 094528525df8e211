using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>What a tool call returned. A tool-level failure is a result with <see cref="IsError"/> set, not an exception.</summary>
public sealed record McpToolCallResult(
    string ServerName,
    string ToolName,
    bool IsError,
    IReadOnlyList<McpContentBlock> Content,
    JsonElement? StructuredContent,
    TimeSpan Duration)
{
    /// <summary>All text content joined by new lines: what a person would read.</summary>
    public string Text => string.Join('\n', Content.Where(c => c.Text is not null).Select(c => c.Text));
}

/// <summary>
/// One content block. <see cref="Type"/> is the protocol's: text, image, audio, resource or resource_link.
/// Binary payloads stay base64 in <see cref="Data"/>. A resource link has its <see cref="Name"/> (and its description as Text).
/// </summary>
public sealed record McpContentBlock(string Type, string? Text = null, string? MimeType = null, string? Data = null, string? Uri = null, string? Name = null);

/// <summary>A progress notification for a running call.</summary>
public sealed record McpProgress(double Progress, double? Total, string? Message)
{
    /// <summary>Whole percent done when the total is known, else -1.</summary>
    public int Percent => Total is > 0 ? (int)Math.Clamp(Progress / Total.Value * 100, 0, 100) : -1;

    /// <summary>The server's message, or "progress of total".</summary>
    public string Text => Message ?? $"{Progress} of {Total}";
}
