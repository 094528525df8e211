using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Audit;

/// <summary>
/// What the audit log may say about a call's arguments: their names, a hash of their values, the values only on
/// request and then with secret-looking ones (by key, as <see cref="SecretDetection"/> judges, or passwords in
/// URLs) redacted; and error text with those secret values taken out.
/// </summary>
internal sealed class AuditArguments
{
    private const string Redacted = "***";
    private readonly JsonObject _values = new();
    private readonly List<string> _secrets = [];

    /// <summary>From the arguments as converted for the call (a value that could not be converted counts as null).</summary>
    public AuditArguments(ToolArguments arguments)
    {
        foreach (var (name, value) in arguments.Json.OrderBy(a => a.Key, StringComparer.Ordinal))
            _values[name] = value is JsonElement element ? JsonNode.Parse(element.GetRawText()) : null;
        Names = arguments.Json.Keys.Order(StringComparer.Ordinal).ToList();
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(_values)!.ToJsonString())));
        Collect(_values, secretKey: false);
    }

    public IReadOnlyList<string> Names { get; }
    public string Hash { get; }

    /// <summary>The values with secrets replaced by ***.</summary>
    public JsonElement Values() => JsonSerializer.SerializeToElement(Redact(_values, secretKey: false));

    /// <summary>The text with every secret argument value replaced by *** (a tool's error may quote its input).</summary>
    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var secret in _secrets.Where(s => s.Length >= 3).OrderByDescending(s => s.Length))
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        return SecretDetection.MaskUrlPassword(text);
    }

    private void Collect(JsonNode? node, bool secretKey)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, child) in map) Collect(child, secretKey || SecretDetection.IsSecretKey(key));
                break;
            case JsonArray list:
                foreach (var child in list) Collect(child, secretKey);
                break;
            case JsonValue value when value.GetValueKind() is JsonValueKind.String:
                var text = value.GetValue<string>();
                if (secretKey) _secrets.Add(text); // a password inside a URL is masked wherever it appears, see Scrub
                break;
            case JsonValue value when secretKey:
                _secrets.Add(value.ToJsonString());
                break;
        }
    }

    private static JsonNode? Redact(JsonNode? node, bool secretKey) => node switch
    {
        _ when secretKey && node is not null => JsonValue.Create(Redacted),
        JsonObject map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Redact(p.Value, SecretDetection.IsSecretKey(p.Key))))),
        JsonArray list => new JsonArray(list.Select(child => Redact(child, false)).ToArray()),
        JsonValue value when value.GetValueKind() is JsonValueKind.String => JsonValue.Create(SecretDetection.MaskUrlPassword(value.GetValue<string>())),
        _ => node?.DeepClone(),
    };

    // Keys sorted at every level, so equal arguments hash alike whatever order they were given in.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray list => new JsonArray(list.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
