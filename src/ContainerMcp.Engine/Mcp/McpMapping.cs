using System.Text;
using ModelContextProtocol.Protocol;

namespace ContainerMcp.Engine.Mcp;

/// <summary>From the SDK's protocol types to ours, so no library type leaks past the engine.</summary>
internal static class McpMapping
{
    public static McpToolInfo ToToolInfo(string serverName, Tool tool) => new(
        serverName, tool.Name, tool.Title ?? tool.Annotations?.Title, tool.Description, tool.InputSchema.Clone(),
        tool.OutputSchema?.Clone(),
        new McpToolHints(tool.Annotations?.ReadOnlyHint, tool.Annotations?.DestructiveHint,
            tool.Annotations?.IdempotentHint, tool.Annotations?.OpenWorldHint));

    public static McpToolCallResult ToToolResult(string serverName, string toolName, CallToolResult result, TimeSpan duration) => new(
        serverName, toolName, result.IsError ?? false, result.Content.Select(ToContent).ToList(),
        result.StructuredContent?.Clone(), duration);

    public static McpContentBlock ToContent(ContentBlock block) => block switch
    {
        TextContentBlock text => new McpContentBlock("text", Text: text.Text),
        ImageContentBlock image => new McpContentBlock("image", MimeType: image.MimeType, Data: Utf8(image.Data)),
        AudioContentBlock audio => new McpContentBlock("audio", MimeType: audio.MimeType, Data: Utf8(audio.Data)),
        EmbeddedResourceBlock embedded => embedded.Resource switch
        {
            TextResourceContents t => new McpContentBlock("resource", Text: t.Text, MimeType: t.MimeType, Uri: t.Uri),
            BlobResourceContents b => new McpContentBlock("resource", MimeType: b.MimeType, Data: Utf8(b.Blob), Uri: b.Uri),
            var other => new McpContentBlock("resource", MimeType: other.MimeType, Uri: other.Uri),
        },
        ResourceLinkBlock link => new McpContentBlock("resource_link", Text: link.Description, MimeType: link.MimeType, Uri: link.Uri, Name: link.Name),
        _ => new McpContentBlock(block.Type),
    };

    public static McpResourceInfo ToResourceInfo(string serverName, Resource r) =>
        new(serverName, r.Uri, r.Name, r.Title, r.Description, r.MimeType);

    public static McpResourceData ToResourceContent(string serverName, ResourceContents c) => c switch
    {
        TextResourceContents t => new(serverName, t.Uri, t.MimeType, t.Text, null),
        BlobResourceContents b => new(serverName, b.Uri, b.MimeType, null, Utf8(b.Blob)),
        _ => new(serverName, c.Uri, c.MimeType, null, null),
    };

    public static McpPromptInfo ToPromptInfo(string serverName, Prompt p) => new(
        serverName, p.Name, p.Title, p.Description,
        (p.Arguments ?? []).Select(a => new McpPromptArgumentInfo(a.Name, a.Description, a.Required ?? false)).ToList());

    public static McpRenderedMessage ToPromptMessage(PromptMessage m) =>
        new(m.Role == Role.Assistant ? "assistant" : "user", ToContent(m.Content));

    public static McpServerIdentity ToIdentity(Implementation? info, ServerCapabilities? caps, string? protocolVersion, string? instructions) => new(
        info?.Name ?? "(unnamed)", info?.Version ?? "", info?.Title, protocolVersion, instructions,
        caps?.Tools is not null, caps?.Resources is not null, caps?.Prompts is not null, caps?.Completions is not null);

    // The SDK keeps base64 payloads as their UTF-8 bytes; a string is what callers expect.
    private static string Utf8(ReadOnlyMemory<byte> base64) => Encoding.UTF8.GetString(base64.Span);
}
