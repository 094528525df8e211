using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ContainerMcp.Engine.Config;

/// <summary>
/// One mapping of a configuration file, read by key into typed values. Unknown keys are rejected as soon
/// as the mapping is opened, and every error names the file, the line and the dotted key path
/// (<c>servers[0].resource_limits.memory_mb</c>) so the user can go straight to the mistake.
/// </summary>
/// <remarks>
/// A key whose value is YAML null (<c>key:</c>, <c>~</c>, <c>null</c>) counts as not set. Scalars are read
/// from their text whatever their quoting, so <c>memory_mb: "256"</c> is a number and
/// <c>version: 3.10</c> stays "3.10".
/// </remarks>
internal sealed class YamlMappingReader
{
    private readonly YamlMappingNode _mapping;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    public YamlMappingReader(YamlMappingNode mapping, string file, string keyPath, IReadOnlyList<string> knownKeys)
    {
        _mapping = mapping;
        File = file;
        KeyPath = keyPath;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key } || IsNull(keyNode))
                throw Fail(file, keyNode.Start.Line, keyPath, $"{Where} has a key that is not a plain name: {Describe(keyNode)}");
            if (!knownKeys.Contains(key))
                throw UnknownKey(keyNode, key, knownKeys);
            _values[key] = value;
        }
    }

    public string File { get; }

    /// <summary>The dotted path of this mapping; empty at the top level.</summary>
    public string KeyPath { get; }

    public int Line => (int)_mapping.Start.Line;

    public string PathOf(string key) => KeyPath.Length == 0 ? key : $"{KeyPath}.{key}";

    /// <summary>The value under <paramref name="key"/>; null when the key is absent or its value is YAML null.</summary>
    public YamlNode? Node(string key) => _values.TryGetValue(key, out var node) && !IsNull(node) ? node : null;

    /// <summary>Text that must not be empty: names, images, paths.</summary>
    public string? String(string key)
    {
        if (Node(key) is not { } node)
            return null;
        var text = ScalarText(node, PathOf(key), "text");
        return text.Length > 0 ? text : throw FailAt(node, PathOf(key), "is empty: give it a value or leave it out");
    }

    public int? PositiveWholeNumber(string key) => WholeNumber(key, minimum: 1);

    public int? WholeNumber(string key, int minimum)
    {
        if (Node(key) is not { } node)
            return null;
        var path = PathOf(key);
        var text = ScalarText(node, path, "a whole number");
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw FailAt(node, path, text.Length > 0 && text.All(char.IsAsciiDigit)
                ? $"is too large: {text} is more than {int.MaxValue}"
                : $"must be a whole number, not '{text}'");
        }
        return value >= minimum ? value : throw FailAt(node, path, minimum == 1
            ? $"must be greater than 0, not {value}"
            : $"must be at least {minimum}, not {value}");
    }

    public double? PositiveNumber(string key)
    {
        if (Node(key) is not { } node)
            return null;
        var path = PathOf(key);
        var text = ScalarText(node, path, "a number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw FailAt(node, path, $"must be a number, not '{text}'");
        return value > 0 ? value : throw FailAt(node, path, $"must be greater than 0, not {text}");
    }

    public bool? Boolean(string key)
    {
        if (Node(key) is not { } node)
            return null;
        var path = PathOf(key);
        var text = ScalarText(node, path, "true or false");
        return text.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw FailAt(node, path, $"must be true or false, not '{text}'"),
        };
    }

    /// <summary>One of a fixed set of names, case-insensitive, with <c>_</c> read as <c>-</c>.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        if (Node(key) is not { } node)
            return null;
        var path = PathOf(key);
        var valid = string.Join(", ", choices.Keys);
        var text = ScalarText(node, path, $"one of {valid}");
        var match = choices.FirstOrDefault(c => c.Key.Equals(text.Replace('_', '-'), StringComparison.OrdinalIgnoreCase));
        return match.Key is not null ? match.Value : throw FailAt(node, path, $"must be one of {valid}, not '{text}'");
    }

    /// <summary>A list of texts; with <paramref name="allowSingleValue"/>, one text stands for a list of one.</summary>
    public IReadOnlyList<string>? List(string key, bool allowSingleValue = false)
    {
        var path = PathOf(key);
        switch (Node(key))
        {
            case null:
                return null;
            case YamlSequenceNode sequence:
                return sequence.Children.Select((item, i) => ListItem(item, $"{path}[{i}]")).ToList();
            case YamlScalarNode single when allowSingleValue:
                return [ScalarText(single, path, "a list")];
            case var other:
                throw FailAt(other, path, $"must be a list, not {Describe(other)}");
        }
    }

    /// <summary>A mapping of text to text (environment); a value left empty is the empty string.</summary>
    public IReadOnlyDictionary<string, string>? TextMapping(string key)
    {
        var path = PathOf(key);
        switch (Node(key))
        {
            case null:
                return null;
            case YamlMappingNode mapping:
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (keyNode, value) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name } || IsNull(keyNode))
                        throw FailAt(keyNode, path, $"has a key that is not a plain name: {Describe(keyNode)}");
                    values[name] = IsNull(value) ? "" : ScalarText(value, $"{path}.{name}", "text");
                }
                return values;
            case var other:
                throw FailAt(other, path, $"must be a mapping, not {Describe(other)}");
        }
    }

    public YamlMappingReader? Mapping(string key, IReadOnlyList<string> knownKeys) => Node(key) switch
    {
        null => null,
        YamlMappingNode mapping => new YamlMappingReader(mapping, File, PathOf(key), knownKeys),
        var other => throw FailAt(other, PathOf(key), $"must be a mapping, not {Describe(other)}"),
    };

    /// <summary>An error about <paramref name="key"/>, at its value's line (or this mapping's when it is absent, or at <paramref name="at"/>).</summary>
    public McpConfigException Fail(string key, string problem, YamlNode? at = null)
    {
        var line = at?.Start.Line ?? (_values.TryGetValue(key, out var node) ? node.Start.Line : _mapping.Start.Line);
        return Fail(File, line, PathOf(key), $"{PathOf(key)} {problem}");
    }

    /// <summary>The one shape of every configuration error: <c>file:line: message</c>, with the key path attached.</summary>
    public static McpConfigException Fail(string file, long line, string? keyPath, string message, Exception? inner = null) =>
        new($"{file}:{line}: {message}", new ConfigSource(file, (int)line), keyPath, inner);

    /// <summary>YAML null: a plain (unquoted) empty value, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>How a value reads in a message: its text in quotes, or what kind of node it is.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    private string Where => KeyPath.Length == 0 ? "the top level" : KeyPath;

    private string ListItem(YamlNode item, string path) =>
        IsNull(item) ? throw FailAt(item, path, "is empty: give it a value or remove it") : ScalarText(item, path, "text");

    private string ScalarText(YamlNode node, string path, string expected) =>
        node is YamlScalarNode { Value: var text } ? text ?? "" : throw FailAt(node, path, $"must be {expected}, not {Describe(node)}");

    private McpConfigException FailAt(YamlNode node, string path, string problem) =>
        Fail(File, node.Start.Line, path, $"{path} {problem}");

    private McpConfigException UnknownKey(YamlNode keyNode, string key, IReadOnlyList<string> knownKeys)
    {
        var path = PathOf(key);
        var closest = ClosestKey(key, knownKeys);
        var hint = closest is null ? "." : $"; did you mean '{closest}'?";
        var where = KeyPath.Length == 0 ? "at the top level" : $"in {KeyPath}";
        return Fail(File, keyNode.Start.Line, path, $"{path} is not a known key{hint} Known keys {where}: {string.Join(", ", knownKeys)}.");
    }

    /// <summary>The known key a typo most likely meant: a few edits away, or the start of a longer key (<c>memory</c> → <c>memory_mb</c>).</summary>
    private static string? ClosestKey(string key, IReadOnlyList<string> knownKeys)
    {
        var typed = key.ToLowerInvariant().Replace('-', '_');
        return knownKeys
            .Select(known => (known, distance: EditDistance(typed, known)))
            .Where(c => c.distance <= Math.Clamp(c.known.Length / 3, 1, 3)
                        || (typed.Length >= 3 && (c.known.StartsWith(typed, StringComparison.Ordinal) || typed.StartsWith(c.known, StringComparison.Ordinal))))
            .OrderBy(c => c.distance)
            .Select(c => c.known)
            .FirstOrDefault();
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) that turn one text into the other.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
