using ContainerMcp.Engine.Mcp;

namespace ContainerMcp;

/// <summary>A resource a server offers. Pipe it to Read-McpResource.</summary>
public sealed class McpResource
{
    internal McpResource(McpResourceInfo info) =>
        (ServerName, Uri, Name, Title, Description, MimeType) = (info.ServerName, info.Uri, info.Name, info.Title, info.Description, info.MimeType);

    public string ServerName { get; }
    public string Uri { get; }
    public string Name { get; }
    public string? Title { get; }
    public string? Description { get; }
    public string? MimeType { get; }

    public override string ToString() => Uri;
}

/// <summary>The content of a resource: Text, or Blob (base64).</summary>
public sealed class McpResourceContent
{
    internal McpResourceContent(Engine.Mcp.McpResourceData c) =>
        (ServerName, Uri, MimeType, Text, Blob) = (c.ServerName, c.Uri, c.MimeType, c.Text, c.Blob);

    public string ServerName { get; }
    public string Uri { get; }
    public string? MimeType { get; }
    public string? Text { get; }

    /// <summary>Binary content, base64.</summary>
    public string? Blob { get; }

    public override string ToString() => Text ?? Blob ?? "";
}

/// <summary>A prompt template a server offers. Pipe it to Invoke-McpPrompt.</summary>
public sealed class McpPrompt
{
    internal McpPrompt(McpPromptInfo info)
    {
        (ServerName, Name, Title, Description) = (info.ServerName, info.Name, info.Title, info.Description);
        Arguments = info.Arguments.Select(a => new McpPromptArgument(a.Name, a.Description, a.Required)).ToArray();
    }

    public string ServerName { get; }
    public string Name { get; }
    public string? Title { get; }
    public string? Description { get; }
    public McpPromptArgument[] Arguments { get; }

    public override string ToString() => Name;
}

/// <summary>One argument a prompt takes.</summary>
public sealed record McpPromptArgument(string Name, string? Description, bool Required);

/// <summary>One message of a rendered prompt.</summary>
public sealed class McpPromptMessage
{
    internal McpPromptMessage(string serverName, string promptName, Engine.Mcp.McpRenderedMessage message) =>
        (ServerName, PromptName, Role, Content) = (serverName, promptName, message.Role, new McpContent(message.Content));

    public string ServerName { get; }
    public string PromptName { get; }
    public string Role { get; }
    public McpContent Content { get; }
    public string? Text => Content.Text;

    public override string ToString() => Text ?? Content.ToString();
}
