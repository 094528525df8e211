using System.Collections;
using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// Turns caller arguments (strings, numbers, nested dictionaries and lists) into JSON up front, so the SDK
/// never has to serialise an arbitrary runtime type, and a value that cannot be sent fails before the call.
/// </summary>
public static class ToolArguments
{
    public static IReadOnlyDictionary<string, object?> ToJson(IEnumerable<KeyValuePair<string, object?>>? arguments)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (arguments is null) return result;
        foreach (var (name, value) in arguments)
        {
            try
            {
                result[name] = JsonSerializer.SerializeToElement(Normalize(value));
            }
            catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
            {
                throw new ArgumentException(
                    $"Argument '{name}' has a value of type {value?.GetType().Name} that cannot be sent as JSON: {ex.Message}", nameof(arguments), ex);
            }
        }
        return result;
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
