namespace ContainerMcp.Engine.Mcp;

public sealed record McpResourceInfo(string ServerName, string Uri, string Name, string? Title, string? Description, string? MimeType);

public sealed record McpResourceData(string ServerName, string Uri, string? MimeType, string? Text, string? Blob);

public sealed record McpPromptInfo(string ServerName, string Name, string? Title, string? Description, IReadOnlyList<McpPromptArgumentInfo> Arguments);

public sealed record McpPromptArgumentInfo(string Name, string? Description, bool Required);

public sealed record McpRenderedMessage(string Role, McpContentBlock Content);

/// <summary>Who the server says it is, and what it can do, from the initialize handshake.</summary>
public sealed record McpServerIdentity(
    string Name,
    string Version,
    string? Title,
    string? ProtocolVersion,
    string? Instructions,
    bool HasTools,
    bool HasResources,
    bool HasPrompts,
    bool HasCompletions = false);

/// <summary>What the server suggests for one argument of a prompt (completion/complete): at most 100 values.</summary>
public sealed record McpCompletion(IReadOnlyList<string> Values, int? Total, bool HasMore);
