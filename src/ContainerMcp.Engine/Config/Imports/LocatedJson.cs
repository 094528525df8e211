using System.Globalization;
using System.Text.Json;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// A JSON value with the file it came from and its key path (<c>mcpServers.github.args[3]</c>), so every
/// error raised while importing can point at the exact value to fix.
/// </summary>
internal readonly record struct LocatedJson(JsonElement Value, string File, string Key)
{
    /// <summary>JsonDocument gives no line numbers for values, so imported servers and errors carry the key path instead.</summary>
    public ConfigSource Source => new(File, 0);

    public McpConfigException Error(string message) => ErrorAt(Key, message);

    public McpConfigException ErrorAt(string key, string message) =>
        new($"{File}: {key}: {message}", Source, key);

    public LocatedJson? Property(string name) =>
        Value.ValueKind == JsonValueKind.Object && Value.TryGetProperty(name, out var child)
            ? new LocatedJson(child, File, ChildKey(name))
            : null;

    public IEnumerable<(string Name, LocatedJson Value)> Properties()
    {
        if (Value.ValueKind != JsonValueKind.Object)
            throw Error($"expected an object, found {Describe(Value)}.");
        foreach (var property in Value.EnumerateObject())
            yield return (property.Name, new LocatedJson(property.Value, File, ChildKey(property.Name)));
    }

    public IReadOnlyList<LocatedJson> Items()
    {
        if (Value.ValueKind != JsonValueKind.Array)
            throw Error($"expected a list, found {Describe(Value)}.");
        var file = File;
        var key = Key;
        return Value.EnumerateArray().Select((item, index) => new LocatedJson(item, file, $"{key}[{index}]")).ToList();
    }

    public string AsString() =>
        Value.ValueKind == JsonValueKind.String
            ? Value.GetString()!
            : throw Error($"expected a string, found {Describe(Value)}.");

    /// <summary>Environment values: clients write numbers bare (<c>"PORT": 8080</c>), and they mean the same text.</summary>
    public string AsScalarText() => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString()!,
        JsonValueKind.Number => Value.GetRawText(),
        _ => throw Error($"expected a string or a number, found {Describe(Value)}."),
    };

    public bool AsBoolean() => Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error($"expected true or false, found {Describe(Value)}."),
    };

    /// <summary>A number written as a number or as a numeric string (<c>0.5</c> or <c>"0.5"</c>).</summary>
    public double AsNumber()
    {
        if (Value.ValueKind == JsonValueKind.Number)
            return Value.GetDouble();
        if (Value.ValueKind == JsonValueKind.String
            && double.TryParse(Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw Error($"expected a number, found {Describe(Value)}.");
    }

    // Dots in a server name would make the path ambiguous, so such names are bracketed.
    private string ChildKey(string name)
    {
        var segment = name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-')
            ? name
            : $"[\"{name}\"]";
        if (Key.Length == 0) return segment;
        return segment.StartsWith('[') ? Key + segment : $"{Key}.{segment}";
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
