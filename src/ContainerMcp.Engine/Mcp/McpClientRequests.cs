using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>A server asks its client for input: a form of flat fields, or a URL for the person to open.</summary>
public sealed record McpElicitationRequest(
    string ServerName, string Mode, string Message, IReadOnlyList<McpElicitationField> Fields, string? Url = null, string? ElicitationId = null)
{
    public bool IsUrl => Mode == "url";

    /// <summary>What was asked, in one line: the message, then the fields or the URL.</summary>
    public string Describe() => IsUrl
        ? $"'{Message}' (open {Url})"
        : $"'{Message}' ({(Fields.Count == 0 ? "no fields" : string.Join(", ", Fields.Select(f => f.Required ? f.Name + "*" : f.Name)))})";
}

/// <summary>One field of an elicitation form: a string, number, integer or boolean, or one or several of a list of choices.</summary>
public sealed record McpElicitationField(
    string Name, string Type, bool Required, string? Title = null, string? Description = null, string? Format = null,
    IReadOnlyList<McpElicitationChoice>? Choices = null, bool Multiple = false, JsonElement? Default = null,
    double? Minimum = null, double? Maximum = null)
{
    public IReadOnlyList<McpElicitationChoice> Choices { get; init; } = Choices ?? [];
}

/// <summary>A choice: the value sent and the title shown (the value itself when the schema gives none).</summary>
public sealed record McpElicitationChoice(string Value, string Title);

/// <summary>The answer sent back: accept (with the form's content), decline or cancel. <paramref name="Note"/>, when set,
/// is why (declined for want of a way to ask, say); it is kept in the server's message log.</summary>
public sealed record McpElicitationAnswer(string Action, IReadOnlyDictionary<string, JsonElement>? Content = null, string? Note = null)
{
    public const string Accept = "accept", Decline = "decline", Cancel = "cancel";

    public static McpElicitationAnswer Declined(string note) => new(Decline, null, note);
}

/// <summary>A server asks its client to have a model write a message.</summary>
public sealed record McpSamplingRequest(
    string ServerName, IReadOnlyList<McpSamplingMessage> Messages, string? SystemPrompt, int MaxTokens, float? Temperature,
    IReadOnlyList<string> ModelHints);

public sealed record McpSamplingMessage(string Role, string Text);

/// <summary>The message the model wrote.</summary>
public sealed record McpSamplingAnswer(string Text, string Role = "assistant", string Model = "unknown", string? StopReason = "endTurn");

/// <summary>A server declined something for want of a handler or a way to ask; the message goes back to the server.</summary>
public sealed class McpClientRequestDeclinedException(string message) : Exception(message);

/// <summary>One <c>notifications/message</c> a server sent (or a note of ours about what it asked, logger "ContainerMcp").</summary>
public sealed record McpLogMessage(string ServerName, DateTimeOffset Time, string Level, string? Logger, string Text)
{
    /// <summary>The RFC 5424 levels MCP uses, least severe first.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

    /// <summary>Warning or worse.</summary>
    public bool IsWarning => Severity(Level) >= 3;

    /// <summary>Error or worse.</summary>
    public bool IsError => Severity(Level) >= 4;

    public static int Severity(string level) => Math.Max(0, Levels.ToList().IndexOf(level));
}

/// <summary>Which list a server says has changed.</summary>
public enum McpListKind { Tools, Prompts, Resources }

/// <summary>A root the client offers a server: a directory it may work in, as a file:// URI inside the container.</summary>
public sealed record McpRoot(string Uri, string Name);
