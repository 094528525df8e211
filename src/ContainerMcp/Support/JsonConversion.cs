using System.Collections;
using System.Text.Json;

namespace ContainerMcp.Support;

/// <summary>JSON to PowerShell objects (PSCustomObject, arrays, primitives) and PowerShell values to plain .NET ones.</summary>
internal static class JsonConversion
{
    /// <summary>The text parsed, when it is a JSON object or array; otherwise null.</summary>
    public static object? TryParse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || (trimmed[0] != '{' && trimmed[0] != '[')) return null;
        try
        {
            using var doc = JsonDocument.Parse(trimmed);
            return ToPowerShell(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static object? ToPowerShell(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToObject(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPowerShell).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : (object)element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Gives each object of <paramref name="data"/> (the rows, when it is an array) <paramref name="typeName"/>
    /// first among its type names; primitives stay as they are. Returns <paramref name="data"/>.</summary>
    public static object? Named(object? data, string typeName)
    {
        if (data is PSObject one) one.TypeNames.Insert(0, typeName);
        else if (data is object?[] rows)
            foreach (var row in rows) if (row is PSObject named) named.TypeNames.Insert(0, typeName);
        return data;
    }

    private static PSObject ToObject(JsonElement element)
    {
        var obj = new PSObject();
        foreach (var property in element.EnumerateObject())
            obj.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
        return obj;
    }

    /// <summary>A cmdlet's -Arguments as plain values by name, for the engine to convert to JSON (once).</summary>
    public static Dictionary<string, object?> Arguments(IDictionary? arguments) =>
        (arguments ?? new Hashtable()).Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => Unwrap(e.Value));

    /// <summary>Strips PowerShell wrappers so the engine serialises plain values: PSObject to its base object,
    /// PSCustomObject to a dictionary of its properties, a switch to a boolean, recursively through dictionaries and
    /// lists.</summary>
    public static object? Unwrap(object? value)
    {
        if (value is PSObject ps)
        {
            if (ps.BaseObject is PSCustomObject)
                return ps.Properties.ToDictionary(p => p.Name, p => Unwrap(p.Value));
            value = ps.BaseObject;
        }
        return value switch
        {
            null or string => value,
            SwitchParameter flag => flag.IsPresent,
            IDictionary map => map.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => Unwrap(map[k])),
            IEnumerable list => list.Cast<object?>().Select(Unwrap).ToList(),
            _ => value,
        };
    }
}
