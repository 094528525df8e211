using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// Checks a call's arguments (already JSON) against the tool's input schema before they are sent: required
/// properties present, no unknown properties, and primitive types that match. Returns the problems found.
/// An argument the schema does not list is refused unless the schema opens itself with additionalProperties
/// (true or a schema): most servers leave it unset, and a misspelt name silently ignored is worse than an error.
/// </summary>
public static class ToolInputSchema
{
    public static IReadOnlyList<string> Check(McpToolInfo tool, ToolArguments arguments)
    {
        var problems = new List<string>(arguments.Problems);
        var schema = tool.InputSchema;
        if (schema.ValueKind != JsonValueKind.Object) return problems;
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;

        foreach (var required in Required(schema).Where(r => !arguments.Json.ContainsKey(r)))
            problems.Add($"Argument '{required}' is required by tool '{tool.Name}' but was not given.");

        bool open = schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind is JsonValueKind.True or JsonValueKind.Object;
        bool closed = properties.ValueKind == JsonValueKind.Object && !open;
        foreach (var name in arguments.Json.Keys)
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var property))
            {
                if (closed)
                    problems.Add($"Argument '{name}' is not accepted by tool '{tool.Name}'. It takes: {string.Join(", ", properties.EnumerateObject().Select(x => x.Name))}.");
                continue;
            }
            var types = DeclaredTypes(property);
            if (arguments.TryGet(name, out var value) && types.Count > 0 && !types.Any(t => JsonKinds.Matches(t, value)))
                problems.Add($"Argument '{name}' of tool '{tool.Name}' must be {string.Join(" or ", types)}, but {JsonKinds.Describe(value)} was given.");
        }
        return problems;
    }

    private static IEnumerable<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Select(r => r.GetString() ?? "")
            : [];

    private static List<string> DeclaredTypes(JsonElement property) =>
        property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
        : [];
}
