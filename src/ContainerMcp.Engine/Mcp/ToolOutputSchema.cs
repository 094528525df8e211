using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// Checks a result's structured content against the tool's output schema: the subset of JSON Schema tools use for
/// results (type, required, properties, additionalProperties: false, items, enum). Anything else in the schema is
/// not checked. The schema is compiled once per tool listing (kept beside the tool), so a call only walks the value.
/// </summary>
public static class ToolOutputSchema
{
    private static readonly ConditionalWeakTable<McpToolInfo, Node> Compiled = new();

    /// <summary>What does not match, one sentence each, with the JSON path; empty when it matches or the tool has no
    /// output schema. A tool with an output schema must return structured content (the protocol says so).</summary>
    public static IReadOnlyList<string> Check(McpToolInfo tool, JsonElement? structuredContent)
    {
        if (tool.OutputSchema is not { ValueKind: JsonValueKind.Object } schema) return [];
        if (structuredContent is not { } value) return ["the result has no structuredContent, though the tool declares an outputSchema"];
        var problems = new List<string>();
        Compiled.GetValue(tool, _ => Node.Compile(schema)).Check(value, "$", problems);
        return problems;
    }

    /// <summary>One compiled schema: what it constrains, its properties and items compiled in turn.</summary>
    private sealed class Node
    {
        private string[] _types = [];
        private string[] _required = [];
        private Dictionary<string, Node>? _properties;
        private bool _closed;
        private Node? _items;
        private JsonElement[]? _enum;

        public static Node Compile(JsonElement schema)
        {
            var node = new Node();
            if (schema.ValueKind != JsonValueKind.Object) return node;
            if (schema.TryGetProperty("type", out var type))
                node._types = type.ValueKind == JsonValueKind.String ? [type.GetString()!]
                    : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString() ?? "").ToArray() : [];
            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
                node._required = required.EnumerateArray().Select(r => r.GetString() ?? "").ToArray();
            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                node._properties = properties.EnumerateObject().ToDictionary(p => p.Name, p => Compile(p.Value), StringComparer.Ordinal);
            node._closed = schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False;
            if (schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object) node._items = Compile(items);
            if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
                node._enum = values.EnumerateArray().Select(v => v.Clone()).ToArray();
            return node;
        }

        public void Check(JsonElement value, string path, List<string> problems)
        {
            if (_types.Length > 0 && !_types.Any(t => JsonKinds.Matches(t, value)))
            {
                problems.Add($"{path} must be {string.Join(" or ", _types)}, but is {JsonKinds.Describe(value)}");
                return;
            }
            if (_enum is not null && !_enum.Any(e => JsonElement.DeepEquals(e, value)))
                problems.Add($"{path} must be one of {string.Join(", ", _enum.Select(e => e.GetRawText()))}, but is {value.GetRawText()}");
            if (value.ValueKind == JsonValueKind.Object) CheckObject(value, path, problems);
            else if (value.ValueKind == JsonValueKind.Array && _items is not null)
            {
                int i = 0;
                foreach (var item in value.EnumerateArray()) _items.Check(item, $"{path}[{i++}]", problems);
            }
        }

        private void CheckObject(JsonElement value, string path, List<string> problems)
        {
            foreach (var name in _required)
                if (!value.TryGetProperty(name, out _)) problems.Add($"{path}.{name} is required but missing");
            foreach (var property in value.EnumerateObject())
            {
                if (_properties?.TryGetValue(property.Name, out var node) == true) node.Check(property.Value, $"{path}.{property.Name}", problems);
                else if (_closed) problems.Add($"{path}.{property.Name} is not allowed (additionalProperties is false)");
            }
        }
    }
}

/// <summary>JSON Schema's primitive types against a JSON value, shared by the input and output checks.</summary>
internal static class JsonKinds
{
    public static bool Matches(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && (value.TryGetInt64(out _) || (value.TryGetDouble(out var d) && Math.Floor(d) == d)),
        "number" => value.ValueKind == JsonValueKind.Number,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => true,
    };

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
