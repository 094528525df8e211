using System.Text.Json;
using System.Text.RegularExpressions;
using ContainerMcp.Engine.Mcp;
using ModelContextProtocol;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// The errors for an answer that arrived but cannot be used — too large, or not shaped as MCP says — worded for the
/// user: which server, what it was doing, what was wrong, and that the server is still running.
/// </summary>
internal static partial class AnswerErrors
{
    /// <summary>The error <see cref="BoundedMessageStream"/> put in place of an answer over the limit; null for any other.</summary>
    public static McpMessageTooLargeException? TooLarge(string server, string operation, McpProtocolException ex)
    {
        if (!OversizeMessage.TryRead((int)ex.ErrorCode, ex.Data, out long size, out long limit)) return null;
        return new McpMessageTooLargeException(server,
            $"MCP server '{server}' sent an answer of {OversizeMessage.Size(size)} while {operation}, more than its limit of " +
            $"{OversizeMessage.Size(limit)} for one message. The answer was discarded unread and the request failed; the server is " +
            "still running. If its answers are meant to be this large, raise max_message_mb for this server.", size, limit);
    }

    /// <summary>A result the SDK could not read as the MCP type it should be: where in it, and what was expected there.</summary>
    public static McpMalformedAnswerException Malformed(string server, string operation, JsonException ex)
    {
        var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {ex.Path}";
        var expected = ConvertedTo().Match(ex.Message) is { Success: true } m ? $"a value that is not {Expected(m.Groups[1].Value)}" : Trimmed(ex.Message);
        return new McpMalformedAnswerException(server,
            $"MCP server '{server}' answered {operation} with a result that is not valid MCP: {expected}{where}. " +
            "The answer was ignored and the request failed; the server is still running. The server's author can fix this.", ex);
    }

    private static string Expected(string typeName) => typeName switch
    {
        _ when typeName.Contains("Boolean") => "true or false",
        _ when typeName.Contains("String") => "a string",
        _ when typeName.Contains("Int") || typeName.Contains("Double") || typeName.Contains("Decimal") || typeName.Contains("Single") => "a number",
        _ when typeName.Contains("List") || typeName.Contains("[]") || typeName.Contains("Enumerable") => "an array",
        _ => $"an object ({typeName[(typeName.LastIndexOf('.') + 1)..].TrimEnd(']')})",
    };

    // System.Text.Json's "…could not be converted to System.Nullable`1[System.Boolean]. Path: … | LineNumber: …"
    private static string Trimmed(string message) => message.Split(" Path:")[0].Split(" | ")[0].TrimEnd('.');

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.? Path")]
    private static partial Regex ConvertedTo();
}
