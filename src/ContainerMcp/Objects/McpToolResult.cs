using System.Text.Json;

namespace ContainerMcp;

/// <summary>What one tool call returned. <see cref="Data"/> holds the result parsed as objects when it is JSON.</summary>
public sealed class McpToolResult
{
    internal McpToolResult(Engine.Mcp.McpToolCallResult result)
    {
        ServerName = result.ServerName;
        ToolName = result.ToolName;
        IsError = result.IsError;
        Content = result.Content.Select(c => new McpContent(c)).ToArray();
        Text = result.Text;
        Duration = result.Duration;
        StructuredContent = result.StructuredContent?.GetRawText();
        Data = Support.JsonConversion.Named(result.StructuredContent is { } structured
            ? Support.JsonConversion.ToPowerShell(structured)
            : Support.JsonConversion.TryParse(Text), DataTypeName(ServerName, ToolName));
        Resources = result.Content.Where(c => c.Type is "resource_link" or "resource" && c.Uri is not null).Select(c => c.Type == "resource_link"
            ? (object)new McpResource(new Engine.Mcp.McpResourceInfo(ServerName, c.Uri!, c.Name ?? c.Uri!, null, c.Text, c.MimeType))
            : new McpResourceContent(new Engine.Mcp.McpResourceData(ServerName, c.Uri!, c.MimeType, c.Text, c.Data))).ToArray();
    }

    /// <summary>The type name each object of <see cref="Data"/> carries (first in its PSTypeNames), for format views and
    /// Update-TypeData: <c>ContainerMcp.Data.&lt;server&gt;.&lt;tool&gt;</c>.</summary>
    public static string DataTypeName(string serverName, string toolName) => $"ContainerMcp.Data.{serverName}.{toolName}";

    public string ServerName { get; }
    public string ToolName { get; }
    public bool IsError { get; }
    public McpContent[] Content { get; }
    public string Text { get; }
    public TimeSpan Duration { get; }

    /// <summary>The structured content as JSON text, when the tool returned any.</summary>
    public string? StructuredContent { get; }

    /// <summary>The structured content, or the text when it is JSON, as PSCustomObjects; a JSON array is an array of rows.</summary>
    public object? Data { get; }

    /// <summary>The resources the result links to (McpResource) or embeds (McpResourceContent), in content order: each
    /// has ServerName and Uri, so they pipe into Read-McpResource.</summary>
    public object[] Resources { get; }

    public override string ToString() => Text;
}

/// <summary>One content block of a result or prompt message: text, image, audio, resource or resource_link.</summary>
public sealed class McpContent
{
    internal McpContent(Engine.Mcp.McpContentBlock content)
    {
        Type = content.Type;
        Text = content.Text;
        MimeType = content.MimeType;
        Data = content.Data;
        Uri = content.Uri;
    }

    public string Type { get; }
    public string? Text { get; }
    public string? MimeType { get; }

    /// <summary>Binary payload, base64.</summary>
    public string? Data { get; }
    public string? Uri { get; }

    public override string ToString() => Text ?? Uri ?? $"[{Type} {MimeType}]";
}
