using System.Collections.Concurrent;
using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Engines;
using ContainerMcp.Engine.Images;
using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// The servers of one session, by unique name (case-insensitive). Thread-safe: parallel runspaces share it.
/// <see cref="Shared"/> is the one process-wide instance the cmdlets use; it stops every server at process exit.
/// </summary>
public sealed class McpServerRegistry : IAsyncDisposable, IContainerCapacity
{
    private static readonly Lazy<McpServerRegistry> SharedInstance = new(CreateShared);

    // A null value reserves a name while its server starts, so two starts of one name cannot both win.
    private readonly ConcurrentDictionary<string, ManagedServer?> _servers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A session whose default engine is <paramref name="docker"/>'s; servers may still name other engines.</summary>
    public McpServerRegistry(DockerClient docker) : this(new SessionEngines(docker))
    {
    }

    public McpServerRegistry(SessionEngines engines)
    {
        Engines = engines;
        SessionId = Guid.NewGuid().ToString("n");
    }

    /// <summary>How many containers this session may run at once (a rotation briefly runs one more).</summary>
    public int MaxRunningContainers { get; set; } = 32;

    public static McpServerRegistry Shared => SharedInstance.Value;

    /// <summary>The engines this session runs servers on: one client each, the default one chosen on first use.</summary>
    public SessionEngines Engines { get; }

    /// <summary>The default engine's client.</summary>
    public DockerClient Docker => Engines.Default.Client;

    /// <summary>Where tool calls and lifecycle events are recorded; null records nothing.</summary>
    public AuditLog? Audit { get; init; }

    /// <summary>Who answers what servers ask of their client (elicitation, sampling) and hears what they tell; servers
    /// started from then on use it. By default no one: requests are declined, saying so.</summary>
    public IMcpClientHost ClientHost { get; set; } = NoClientHost.Instance;

    /// <summary>The OTLP export of this session's spans, when an endpoint is configured.</summary>
    public OtlpTraceExport? TraceExport { get; init; }

    /// <summary>Written on every container as a label, so its owner can be told apart from other sessions'.</summary>
    public string SessionId { get; }

    /// <summary>Containers and networks of ours on the default engine that no live session owns (this one's never are).</summary>
    public OrphanedContainers Orphans => OrphansOn(Engines.Default);

    /// <summary>Containers and networks of ours on <paramref name="engine"/> that no live session owns.</summary>
    public OrphanedContainers OrphansOn(EngineConnection engine) => new(engine.Client, this);

    /// <summary>The images ContainerMcp made on the default engine: list, pull, remove.</summary>
    public McpImageCatalog Images => new(Docker);

    /// <summary>The images ContainerMcp made on <paramref name="engine"/> (see <see cref="SessionEngines.Resolve"/>).</summary>
    public McpImageCatalog ImagesOn(EngineConnection engine) => new(engine.Client);

    /// <summary>Builds (or reuses) the image a recipe describes, on the default engine.</summary>
    public McpImageBuilder ImageBuilder => new(Docker);

    /// <summary>Builds (or reuses) images on <paramref name="engine"/>.</summary>
    public McpImageBuilder ImageBuilderOn(EngineConnection engine) => new(engine.Client);

    /// <summary>Local images and networks of this registry's daemon, for completion.</summary>
    public LocalNames Local => new(Docker);

    /// <summary>Local images and networks of <paramref name="engine"/>, for completion after -Engine.</summary>
    public LocalNames LocalOn(EngineConnection engine) => new(engine.Client);

    /// <summary>Reads a server's container back from the daemon and reports each barrier.</summary>
    public IsolationInspector Isolation => new(Docker);

    public async Task<ManagedServer> StartAsync(McpServerDefinition definition, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        // An engine name that names nothing fails here, before the name is taken.
        var engine = Engines.Resolve(definition.Engine);
        if (!_servers.TryAdd(definition.Name, null))
        {
            var existing = _servers.GetValueOrDefault(definition.Name);
            var detail = existing is null ? "is starting" : $"already exists (state {existing.State}, container {existing.ContainerName})";
            throw new McpServerNameConflictException(definition.Name,
                $"An MCP server named '{definition.Name}' {detail}. Stop it first, or choose another name.");
        }

        if (definition.Build is { } recipe)
        {
            try
            {
                // While the image builds the name stays reserved, so a second start of it is refused, not raced.
                var image = await new McpImageBuilder(engine.Client).BuildAsync(recipe, progress is null ? null : new ProgressText(progress), ct);
                definition = definition with { Build = null, Container = definition.Container with { Image = image.Name } };
            }
            catch
            {
                _servers.TryRemove(definition.Name, out _);
                throw;
            }
        }

        // Registered before it starts, so the container cap counts a start under way.
        var server = new ManagedServer(definition, new ServerHost(engine, SessionId, Audit, this, ClientHost));
        _servers[definition.Name] = server;
        try
        {
            await server.StartAsync(progress, ct);
            return server;
        }
        catch
        {
            await server.StopAsync(CancellationToken.None);
            _servers.TryRemove(definition.Name, out _);
            throw;
        }
    }

    private sealed class ProgressText(IProgress<string> target) : IProgress<DockerProgress>
    {
        public void Report(DockerProgress value) => target.Report(value.Text);
    }

    /// <summary>Servers whose names match any of the patterns (all when none are given), sorted by name.</summary>
    public IReadOnlyList<ManagedServer> Find(params string[]? patterns)
    {
        var regexes = (patterns is { Length: > 0 } ? patterns : ["*"]).Select(NamePattern.ToRegex).ToList();
        return _servers.Values
            .OfType<ManagedServer>()
            .Where(s => regexes.Any(r => r.IsMatch(s.Name)))
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Throws when starting one more container would pass <see cref="MaxRunningContainers"/>.</summary>
    void IContainerCapacity.EnsureRoomFor(ManagedServer requester)
    {
        var holding = Find().Where(s => !ReferenceEquals(s, requester) && s.HoldsContainer).Select(s => s.Name).ToList();
        if (holding.Count < MaxRunningContainers) return;
        throw new McpServerCapacityException(requester.Name,
            $"MCP server '{requester.Name}' was not started: this session already runs {holding.Count} containers, its limit " +
            $"({string.Join(", ", holding)}). Stop one, or raise the limit " +
            "(CONTAINERMCP_MAX_CONTAINERS before the module loads).", MaxRunningContainers);
    }

    public bool TryGet(string name, out ManagedServer server)
    {
        server = _servers.GetValueOrDefault(name)!;
        return server is not null;
    }

    /// <summary>Stops the server, removes its container and forgets it. Stopping one that is gone is no error.</summary>
    public async Task StopAsync(string name, CancellationToken ct = default)
    {
        if (!TryGet(name, out var server)) return;
        try
        {
            await server.StopAsync(ct);
        }
        finally
        {
            _servers.TryRemove(new KeyValuePair<string, ManagedServer?>(server.Name, server));
        }
    }

    public async Task StopAllAsync(CancellationToken ct = default) =>
        await Task.WhenAll(Find().Select(s => StopAsync(s.Name, ct)));

    /// <summary>Stops every server, then closes the engine clients the session made (a client handed in stays open).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        Engines.Dispose();
        TraceExport?.Dispose();
    }

    /// <summary>
    /// A setting that could not be used (a malformed OTLP endpoint, say), told once to whoever asks next: a bad
    /// setting must not make every cmdlet of the session fail, nor pass unnoticed.
    /// </summary>
    public string? TakeSetupWarning() => _setupWarnings.TryDequeue(out var warning) ? warning : null;

    private readonly ConcurrentQueue<string> _setupWarnings = new();

    /// <summary>A registry configured from the environment: audit log, OTLP export, container cap.</summary>
    internal static McpServerRegistry CreateFromEnvironment()
    {
        OtlpTraceExport? export = null;
        string? exportProblem = null;
        try { export = OtlpTraceExport.FromEnvironment(); }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            exportProblem = $"Spans are not exported: {ex.Message}";
        }
        var registry = new McpServerRegistry(new SessionEngines(new EngineDiscovery()))
        {
            Audit = AuditLogOptions.FromEnvironment() is { } audit ? new AuditLog(audit) : null,
            TraceExport = export,
        };
        if (exportProblem is not null) registry._setupWarnings.Enqueue(exportProblem);
        if (int.TryParse(Environment.GetEnvironmentVariable("CONTAINERMCP_MAX_CONTAINERS"), out var cap) && cap > 0)
            registry.MaxRunningContainers = cap;
        return registry;
    }

    private static McpServerRegistry CreateShared()
    {
        var registry = CreateFromEnvironment();
        // Closing stdin already ends each server when the process dies; this also removes the containers.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { registry.StopAllAsync().Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
            registry.TraceExport?.Dispose(); // flushes the spans still buffered
        };
        return registry;
    }
}
