using System.Text.Json;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp;

/// <summary>A tool one server offers. Pipe it to Invoke-McpTool.</summary>
public sealed class McpTool
{
    internal McpTool(McpToolInfo info)
    {
        ServerName = info.ServerName;
        Name = info.Name;
        Title = info.Title;
        Description = info.Description;
        Schema = info.InputSchema;
        InputSchema = info.InputSchema.GetRawText();
        OutputSchema = info.OutputSchema?.GetRawText();
        Parameters = Schema.ValueKind == JsonValueKind.Object && Schema.TryGetProperty("properties", out var props)
            && props.ValueKind == JsonValueKind.Object ? props.EnumerateObject().Select(p => p.Name).ToArray() : [];
        Required = Schema.ValueKind == JsonValueKind.Object && Schema.TryGetProperty("required", out var req)
            && req.ValueKind == JsonValueKind.Array ? req.EnumerateArray().Select(r => r.GetString() ?? "").ToArray() : [];
        ReadOnlyHint = info.Hints.ReadOnly;
        DestructiveHint = info.Hints.Destructive;
        IdempotentHint = info.Hints.Idempotent;
        OpenWorldHint = info.Hints.OpenWorld;
    }

    internal JsonElement Schema { get; }

    public string ServerName { get; }
    public string Name { get; }
    public string? Title { get; }
    public string? Description { get; }

    /// <summary>The input JSON schema, as JSON text.</summary>
    public string InputSchema { get; }

    /// <summary>The input schema parsed (PSCustomObject), for <c>.InputSchemaObject.properties</c>.</summary>
    public object? InputSchemaObject => Support.JsonConversion.ToPowerShell(Schema);

    public string? OutputSchema { get; }

    /// <summary>Names of the arguments the tool takes, and those it requires.</summary>
    public string[] Parameters { get; }
    public string[] Required { get; }

    public bool? ReadOnlyHint { get; }
    public bool? DestructiveHint { get; }
    public bool? IdempotentHint { get; }
    public bool? OpenWorldHint { get; }

    /// <summary>The hints set to true, short: ReadOnly, Destructive, Idempotent, OpenWorld (comma-separated; empty for none).
    /// Destructive without ReadOnly makes Invoke-McpTool ask first (ConfirmImpact High); ReadOnly never asks.</summary>
    public string Hints => string.Join(",", new[]
    {
        ReadOnlyHint == true ? "ReadOnly" : null,
        DestructiveHint == true && ReadOnlyHint != true ? "Destructive" : null,
        IdempotentHint == true ? "Idempotent" : null,
        OpenWorldHint == true ? "OpenWorld" : null,
    }.OfType<string>());

    public override string ToString() => Name;
}
