namespace ContainerMcp.Engine.Mcp;

public sealed record McpResourceInfo(string ServerName, string Uri, string Name, string? Title, string? Description, string? MimeType);

public sealed record McpResourceContent(string ServerName, string Uri, string? MimeType, string? Text, string? Blob);

public sealed record McpPromptInfo(string ServerName, string Name, string? Title, string? Description, IReadOnlyList<McpPromptArgument> Arguments);

public sealed record McpPromptArgument(string Name, string? Description, bool Required);

public sealed record McpPromptMessage(string Role, McpContent Content);

/// <summary>Who the server says it is, and what it can do, from the initialize handshake.</summary>
public sealed record McpServerIdentity(
    string Name,
    string Version,
    string? Title,
    string? ProtocolVersion,
    string? Instructions,
    bool HasTools,
    bool HasResources,
    bool HasPrompts);
