using System.Collections;
using System.Management.Automation;
using System.Text.Json;

namespace ContainerMcp.Support;

/// <summary>
/// Checks arguments against a tool's input schema before they are sent: required properties present, no unknown
/// properties, and primitive types that match. Returns the problems found.
/// An argument the schema does not list is refused unless the schema opens itself with additionalProperties
/// (true or a schema): most servers leave it unset, and a misspelt name silently ignored is worse than an error.
/// </summary>
internal static class ArgumentValidator
{
    public static IReadOnlyList<string> Validate(McpTool tool, IReadOnlyDictionary<string, object?> arguments)
    {
        var problems = new List<string>();
        var schema = tool.Schema;
        if (schema.ValueKind != JsonValueKind.Object) return problems;
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;

        foreach (var required in tool.Required.Where(r => !arguments.ContainsKey(r)))
            problems.Add($"Argument '{required}' is required by tool '{tool.Name}' but was not given.");

        bool open = schema.TryGetProperty("additionalProperties", out var extra)
            && extra.ValueKind is JsonValueKind.True or JsonValueKind.Object;
        bool closed = properties.ValueKind == JsonValueKind.Object && !open;
        foreach (var (name, value) in arguments)
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var property))
            {
                if (closed)
                    problems.Add($"Argument '{name}' is not accepted by tool '{tool.Name}'. It takes: {string.Join(", ", tool.Parameters)}.");
                continue;
            }
            var types = DeclaredTypes(property);
            if (types.Count > 0 && !types.Any(t => Matches(t, value)))
                problems.Add($"Argument '{name}' of tool '{tool.Name}' must be {string.Join(" or ", types)}, " +
                             $"but a {(value is null ? "null" : value.GetType().Name)} was given.");
        }
        return problems;
    }

    private static List<string> DeclaredTypes(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
        : [];

    private static bool Matches(string type, object? value) => type switch
    {
        "null" => value is null,
        "string" => value is string or char,
        "boolean" => value is bool or SwitchParameter,
        "integer" => IsInteger(value) || (value is double d && Math.Floor(d) == d) || (value is decimal m && decimal.Floor(m) == m),
        "number" => IsInteger(value) || value is double or float or decimal,
        "object" => value is IDictionary or IReadOnlyDictionary<string, object?>,
        "array" => value is IEnumerable and not (string or IDictionary),
        _ => true,
    };

    private static bool IsInteger(object? value) => value is int or long or short or byte or sbyte or uint or ulong or ushort;
}
