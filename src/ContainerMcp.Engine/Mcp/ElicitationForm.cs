using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// The form of an elicitation request (a flat object of primitives and enums, per the MCP spec) read from its JSON
/// schema, and an answer checked and converted against it: "42" becomes 42 for an integer field, a choice may be given
/// by its value or its title, a field the server did not ask for or a required one left out is a problem named.
/// </summary>
public static class ElicitationForm
{
    public static IReadOnlyList<McpElicitationField> Parse(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object) return [];
        var required = root.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal) : [];
        return properties.EnumerateObject().Select(p => Field(p.Name, p.Value, required.Contains(p.Name))).ToList();
    }

    private static McpElicitationField Field(string name, JsonElement schema, bool required)
    {
        var type = String(schema, "type") ?? "string";
        var multiple = type == "array";
        var choices = Choices(multiple && schema.TryGetProperty("items", out var items) ? items : schema);
        return new McpElicitationField(name, multiple ? "string" : type, required, String(schema, "title"), String(schema, "description"),
            String(schema, "format"), choices, multiple, schema.TryGetProperty("default", out var d) ? d.Clone() : null,
            Number(schema, "minimum"), Number(schema, "maximum"));
    }

    // enum (titled by enumNames in the legacy form), oneOf / anyOf of { const, title }.
    private static List<McpElicitationChoice> Choices(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return [];
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            var names = schema.TryGetProperty("enumNames", out var n) && n.ValueKind == JsonValueKind.Array ? n.EnumerateArray().ToList() : [];
            return values.EnumerateArray().Select((v, i) => new McpElicitationChoice(Text(v), i < names.Count ? Text(names[i]) : Text(v))).ToList();
        }
        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(key, out var options) && options.ValueKind == JsonValueKind.Array)
                return options.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("const", out _))
                    .Select(o => new McpElicitationChoice(Text(o.GetProperty("const")), String(o, "title") ?? Text(o.GetProperty("const")))).ToList();
        }
        return [];
    }

    /// <summary>The answer's content as JSON, and one sentence per value that does not fit the form.</summary>
    public static (Dictionary<string, JsonElement> Content, List<string> Problems) Convert(
        IReadOnlyList<McpElicitationField> fields, IEnumerable<KeyValuePair<string, object?>> values)
    {
        var content = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var problems = new List<string>();
        var byName = fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            if (!byName.TryGetValue(name, out var field))
            {
                problems.Add($"'{name}' is not a field the server asked for (it asked for: {string.Join(", ", fields.Select(f => f.Name))}).");
                continue;
            }
            if (value is null || value is string { Length: 0 }) continue;
            try { content[field.Name] = JsonSerializer.SerializeToElement(ToValue(field, value)); }
            catch (FormatException ex) { problems.Add($"'{field.Name}': {ex.Message}"); }
        }
        foreach (var missing in fields.Where(f => f.Required && !content.ContainsKey(f.Name) && f.Default is null))
            problems.Add($"'{missing.Name}' is required.");
        return (content, problems);
    }

    private static object ToValue(McpElicitationField field, object value)
    {
        if (field.Multiple)
        {
            var items = value is IEnumerable list and not string ? list.Cast<object?>() : [value];
            return items.Where(i => i is not null).Select(i => Choice(field, i!)).ToArray();
        }
        if (field.Choices.Count > 0) return Choice(field, value);
        var text = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return field.Type switch
        {
            "integer" => InRange(field, long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
                : throw new FormatException($"'{text}' is not a whole number.")),
            "number" => InRange(field, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
                : throw new FormatException($"'{text}' is not a number.")),
            "boolean" => value is bool b ? b : text.ToLowerInvariant() switch
            {
                "true" or "yes" or "y" or "1" => true,
                "false" or "no" or "n" or "0" => false,
                _ => throw new FormatException($"'{text}' is not true or false (yes or no)."),
            },
            _ => text,
        };
    }

    private static T InRange<T>(McpElicitationField field, T number) where T : IConvertible
    {
        var d = number.ToDouble(CultureInfo.InvariantCulture);
        if (d < field.Minimum || d > field.Maximum)
            throw new FormatException($"{d.ToString(CultureInfo.InvariantCulture)} is outside {field.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "…"}..{field.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "…"}.");
        return number;
    }

    private static string Choice(McpElicitationField field, object value)
    {
        var text = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (field.Choices.Count == 0) return text;
        var match = field.Choices.FirstOrDefault(c => string.Equals(c.Value, text, StringComparison.OrdinalIgnoreCase))
            ?? field.Choices.FirstOrDefault(c => string.Equals(c.Title, text, StringComparison.OrdinalIgnoreCase));
        return match?.Value ?? throw new FormatException($"'{text}' is not one of: {string.Join(", ", field.Choices.Select(c => c.Value))}.");
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
}
