using System.Collections.Concurrent;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Engines;

/// <summary>
/// The engines one session runs servers on: one <see cref="DockerClient"/> per way of reaching an engine, made on first
/// use and kept, so servers, orphans, networks and images on one engine share it. Thread-safe. Disposing it disposes
/// the clients it made (not one it was given).
/// </summary>
public sealed class SessionEngines : IDisposable
{
    private readonly DockerClient? _given;
    private readonly ConcurrentDictionary<string, EngineConnection> _byKey = new(StringComparer.Ordinal);
    private readonly Lazy<EngineConnection> _default;

    /// <summary>Engines found on this machine; the default one is chosen on first use (<see cref="EngineDiscovery.ChooseDefault"/>).</summary>
    public SessionEngines(EngineDiscovery discovery)
    {
        Discovery = discovery;
        _default = new Lazy<EngineConnection>(() => Connect(discovery.ChooseDefault()));
    }

    /// <summary>A session whose default engine is the one <paramref name="defaultClient"/> speaks to.</summary>
    public SessionEngines(DockerClient defaultClient, EngineDiscovery? discovery = null)
    {
        ArgumentNullException.ThrowIfNull(defaultClient);
        _given = defaultClient;
        Discovery = discovery ?? new EngineDiscovery();
        var name = Discovery.Candidates().FirstOrDefault(c => c.Endpoint is { } e && EngineCandidate.KeyOf(e) == EngineCandidate.KeyOf(defaultClient.Endpoint))?.Name
                   ?? defaultClient.Endpoint.ToString();
        var connection = _byKey.GetOrAdd(EngineCandidate.KeyOf(defaultClient.Endpoint), new EngineConnection(name, defaultClient));
        _default = new Lazy<EngineConnection>(connection);
    }

    public EngineDiscovery Discovery { get; }

    /// <summary>The engine of servers and image commands that name none.</summary>
    public EngineConnection Default => _default.Value;

    /// <summary>The default engine and every engine this session has connected to, default first.</summary>
    public IReadOnlyList<EngineConnection> InUse
    {
        get
        {
            var first = Default;
            return [first, .. _byKey.Values.Where(c => !ReferenceEquals(c, first)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>The engine a name, context or endpoint names; <see cref="Default"/> for null or empty.</summary>
    /// <exception cref="UnknownEngineException">Nothing of that name is known, or it cannot be used.</exception>
    public EngineConnection Resolve(string? engine) =>
        string.IsNullOrWhiteSpace(engine) ? Default : Connect(Discovery.Find(engine.Trim()));

    public void Dispose()
    {
        foreach (var connection in _byKey.Values.Where(c => !ReferenceEquals(c.Client, _given)))
            connection.Client.Dispose();
    }

    private EngineConnection Connect(EngineCandidate candidate)
    {
        var endpoint = candidate.Usable;
        return _byKey.GetOrAdd(EngineCandidate.KeyOf(endpoint), _ => new EngineConnection(candidate.Name, new DockerClient(endpoint)));
    }
}
