using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerMcp.Engine.Docker;

/// <summary>The one place that knows how the Engine API spells its JSON.</summary>
internal static class DockerJson
{
    /// <summary>PascalCase as the API writes it; nulls left out so the daemon applies its own defaults.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static async Task<T> DeserializeAsync<T>(Stream stream, CancellationToken ct) =>
        await JsonSerializer.DeserializeAsync<T>(stream, Options, ct).ConfigureAwait(false)
        ?? throw new DockerEngineException($"The Docker engine answered with an empty body where a {typeof(T).Name} was expected.");

    /// <summary>The <c>filters</c> for labels: <c>{"label":{"k=v":true,"k":true}}</c>; a null value means "label present".</summary>
    public static IDictionary<string, IDictionary<string, bool>> LabelFilters(IReadOnlyDictionary<string, string?> labels) =>
        Filter("label", labels.Select(l => l.Value is null ? l.Key : $"{l.Key}={l.Value}").ToArray());

    /// <summary>The <c>filters</c> for one key, e.g. <c>{"network":{"name":true}}</c>.</summary>
    public static IDictionary<string, IDictionary<string, bool>> Filter(string key, params string[] values) =>
        new Dictionary<string, IDictionary<string, bool>> { [key] = values.ToDictionary(v => v, _ => true) };

    /// <summary>The <c>message</c> of an error body; the raw text when it is not the usual JSON; null when empty.</summary>
    public static string? ErrorMessage(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("message", out var message) &&
                message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }
        catch (JsonException)
        {
            // Proxies and very old daemons answer in plain text.
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length == 0 ? null : text;
    }
}
