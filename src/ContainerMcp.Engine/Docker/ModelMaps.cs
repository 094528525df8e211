namespace ContainerMcp.Engine.Docker;

/// <summary>
/// Reading Docker.DotNet's models, whose maps are <see cref="IDictionary{TKey,TValue}"/> (no GetValueOrDefault) and
/// may be null on the wire though not so declared.
/// </summary>
internal static class ModelMaps
{
    /// <summary>The value under <paramref name="key"/>; null when the map or the key is missing.</summary>
    public static string? ValueOrNull(this IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;
}
