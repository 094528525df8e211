using System.Collections;
using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// A call's arguments turned into JSON once, up front: what is checked against the tool's schema, what the audit
/// log hashes, and what is sent, so the SDK never serialises an arbitrary runtime type. A value that cannot be JSON
/// is a <see cref="Problems"/> entry naming the argument, and the call is refused before it leaves.
/// </summary>
public sealed class ToolArguments
{
    private ToolArguments(Dictionary<string, object?> json, List<string> problems) => (Json, Problems) = (json, problems);

    /// <summary>Argument name to its value as a <see cref="JsonElement"/> (null for a value that could not be converted).</summary>
    public IReadOnlyDictionary<string, object?> Json { get; }

    /// <summary>One sentence per value that cannot be sent as JSON.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Converts each value (strings, numbers, nested dictionaries and lists, Hashtables too).</summary>
    public static ToolArguments From(IEnumerable<KeyValuePair<string, object?>>? arguments)
    {
        var json = new Dictionary<string, object?>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, value) in arguments ?? [])
        {
            try
            {
                json[name] = JsonSerializer.SerializeToElement(Normalize(value));
            }
            catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
            {
                json[name] = null;
                problems.Add($"Argument '{name}' has a value of type {value?.GetType().Name} that cannot be sent as JSON: {ex.Message}");
            }
        }
        return new ToolArguments(json, problems);
    }

    /// <summary>The value of one argument; false when it was not given or could not be converted.</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        (bool found, value) = Json.GetValueOrDefault(name) is JsonElement element ? (true, element) : (false, default);
        return found;
    }

    // Non-generic dictionaries (Hashtable from PowerShell) serialise with object keys; make them string-keyed.
    private static object? Normalize(object? value) => value switch
    {
        null or string or JsonElement or byte[] => value,
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)!, k => Normalize(map[k])),
        IEnumerable list => list.Cast<object?>().Select(Normalize).ToList(),
        _ => value,
    };
}
