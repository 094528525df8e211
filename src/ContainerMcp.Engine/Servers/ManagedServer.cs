using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Egress;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// A named MCP server of a session, across the containers that serve it over time: the façade requests go through.
/// Each request goes to the current container of its <see cref="ServerSupervisor{TSession}"/>, which owns the lifecycle
/// (start per strategy, restart with backoff, rotation, idling out, health); the tool list is kept here, also while idle.
/// </summary>
public sealed class ManagedServer : IAsyncDisposable
{
    private readonly ServerHost _host;
    private readonly ServerSupervisor<ContainerSession> _supervisor;
    private readonly ServerClientSide _clientSide;
    private IReadOnlyList<McpToolInfo>? _tools;
    private int _toolReadings;   // tool list changes not yet read (OnListChangedAsync)
    private long _calls;

    internal ManagedServer(McpServerDefinition definition, ServerHost host)
    {
        Definition = definition;
        Tools = new ToolFilter(definition.Tools);
        _host = host;
        if (definition.Egress is not null && host.Audit is { } audit)
            EgressLog.Added += entry => audit.Write(EgressAudit.Record(Name, ContainerId, entry));
        _clientSide = new ServerClientSide(definition.Name, McpRoots.Of(definition.Container), host.Client, OnListChangedAsync);
        _supervisor = new ServerSupervisor<ContainerSession>(definition,
            (progress, ct) => ContainerSession.StartAsync(host.Docker, definition, host.SessionId, EgressLog, _clientSide, progress, ct),
            () => host.Capacity.EnsureRoomFor(this), host.Audit, probeEngine: ct => host.Docker.PingAsync(ct));
    }

    public string Name => Definition.Name;
    public McpServerDefinition Definition { get; }
    public string Image => Definition.Container.Image;

    /// <summary>The engine the server's containers run on.</summary>
    public Engines.EngineConnection Engine => _host.Engine;

    /// <summary>Which tools this server offers; the others are neither listed nor callable.</summary>
    public ToolFilter Tools { get; }

    /// <summary>The server's state; a container that just died shows at once, before its supervisor has acted.</summary>
    public McpServerState State => _supervisor.State;

    public DateTimeOffset StartedAt => _supervisor.StartedAt;
    public DateTimeOffset? EndedAt => _supervisor.EndedAt;
    public TimeSpan Uptime => _supervisor.Uptime;

    /// <summary>The current container; empty while none runs (idle, or before the first start).</summary>
    public string ContainerId => _supervisor.Current?.ContainerId ?? "";
    public string ContainerName => _supervisor.Current?.ContainerName ?? "";

    /// <summary>How the current container ended, when it has.</summary>
    public ContainerExit? Exit => _supervisor.Current?.Exit;

    /// <summary>What the server said of itself at its last handshake.</summary>
    public McpServerIdentity? Identity => _supervisor.Identity;

    /// <summary>How many tools the server offers (after its filter): listed at start when it runs, else on first use.</summary>
    public int? ToolCount => _tools?.Count;

    /// <summary>Containers started again after one died.</summary>
    public int RestartCount => _supervisor.RestartCount;

    /// <summary>Containers replaced on rotation (max executions or age).</summary>
    public int RotationCount => _supervisor.RotationCount;

    /// <summary>Tool calls made, over all containers.</summary>
    public long CallCount => Interlocked.Read(ref _calls);

    /// <summary>Calls, failures and recent durations (average, p95) of this server's tool calls.</summary>
    public CallStatistics Statistics { get; } = new();

    /// <summary>How the last container that died ended, with its last stderr line.</summary>
    public string? LastExitReason => _supervisor.LastExitReason;

    /// <summary>Set when the server ended Failed: why, with its last stderr lines.</summary>
    public string? FailureReason => _supervisor.FailureReason;

    /// <summary>While the server waits for its Docker engine: the engine's error, e.g. the connection refused.</summary>
    public string? EngineWaitReason => _supervisor.EngineWaitReason;

    /// <summary>The last background health check, when the server is watched.</summary>
    public ServerHealth? LastHealth => _supervisor.LastHealth;

    /// <summary>Requests through the server's egress proxies, over all its containers; empty without an allow-list.</summary>
    public EgressLog EgressLog { get; } = new();

    /// <summary>The current container's egress proxy; null without an allow-list or while no container runs.</summary>
    public EgressProxy? EgressProxy => _supervisor.Current?.EgressProxy;

    /// <summary>The last stderr lines of the current container (or of the last one, once none runs), oldest first.</summary>
    public IReadOnlyList<string> GetStderr(int? tail = null) => _supervisor.GetStderr(tail);

    /// <summary>The last log messages the server sent (<c>notifications/message</c>), with notes of what it asked of us, oldest first.</summary>
    public IReadOnlyList<McpLogMessage> GetMessages(int? tail = null) => _clientSide.Log.Tail(tail);

    /// <summary>The roots the server is offered: the container paths of its mounts.</summary>
    public IReadOnlyList<McpRoot> Roots => _clientSide.Roots;

    /// <summary>True while a container runs or is being started: what the session's container cap counts.</summary>
    internal bool HoldsContainer => _supervisor.HoldsContainer;

    /// <summary>Starts per the strategy: always-on waits for the handshake, pre-warmed starts in the background,
    /// on-demand waits for the first call. A server that runs once this returns has its tools listed (once, then kept),
    /// so its tool count shows at once; one that does not run yet lists them on first use.</summary>
    internal async Task StartAsync(IProgress<string>? progress, CancellationToken ct)
    {
        await _supervisor.StartAsync(progress, ct);
        if (State != McpServerState.Running) return;
        if (Identity is { HasTools: false }) _tools = [];   // it offers none: nothing to ask
        else
        {
            progress?.Report("Listing tools");
            await ListToolsAsync(ct: ct);
        }
    }

    /// <summary>The tools the server offers that its configuration lets through; listed once, then kept (also while idle).</summary>
    public async Task<IReadOnlyList<McpToolInfo>> ListToolsAsync(bool refresh = false, CancellationToken ct = default)
    {
        if (_tools is not null && !refresh) return _tools;
        var tools = await UseAsync("listing tools", (server, token) => server.ListToolsAsync(token), ct);
        return _tools = tools.Where(t => Tools.Allows(t.Name)).ToList();
    }

    /// <summary>The tool of that name from the list kept, without asking the server: null when the list is not kept
    /// yet or lacks it. For decisions made before a call (whether to confirm it) that must cost no round trip.</summary>
    public McpToolInfo? KnownTool(string toolName)
    {
        if (_tools is not { } tools) return null;
        foreach (var tool in tools) if (tool.Name == toolName) return tool;
        return null;
    }

    /// <summary>Calls a tool through the <see cref="ToolCallContract"/> (lookup, filter, schema, one audit line). A tool's
    /// own failure comes back as a result with IsError set; refusals, transport, protocol and timeout failures throw.
    /// Waits (bounded) while the server restarts; starts an idle on-demand server.</summary>
    public Task<McpToolCallResult> CallToolAsync(
        string toolName, IEnumerable<KeyValuePair<string, object?>>? arguments = null, IProgress<McpProgress>? progress = null,
        TimeSpan? timeout = null, CancellationToken ct = default) =>
        ToolCallContract.CallAsync(this, _host.Audit, toolName, arguments, (json, call, token) =>
        {
            Interlocked.Increment(ref _calls);
            return _supervisor.UseAsync($"calling tool '{toolName}'", (server, t) =>
            {
                call.SentTo(server.ContainerId);
                return server.CallToolAsync(toolName, json, progress, timeout, t);
            }, token, isCall: true);
        }, ct);

    /// <summary>Round trip of an MCP ping.</summary>
    public Task<TimeSpan> PingAsync(TimeSpan? timeout = null, CancellationToken ct = default) =>
        UseAsync("answering a ping", (server, token) => server.PingAsync(timeout, token), ct);

    public Task<IReadOnlyList<McpResourceInfo>> ListResourcesAsync(CancellationToken ct = default) =>
        UseAsync("listing resources", (server, token) => server.ListResourcesAsync(token), ct);

    public Task<IReadOnlyList<McpResourceData>> ReadResourceAsync(string uri, CancellationToken ct = default) =>
        UseAsync($"reading resource '{uri}'", (server, token) => server.ReadResourceAsync(uri, token), ct);

    public Task<IReadOnlyList<McpPromptInfo>> ListPromptsAsync(CancellationToken ct = default) =>
        UseAsync("listing prompts", (server, token) => server.ListPromptsAsync(token), ct);

    public Task<IReadOnlyList<McpRenderedMessage>> GetPromptAsync(
        string promptName, IReadOnlyDictionary<string, object?>? arguments = null, CancellationToken ct = default) =>
        UseAsync($"rendering prompt '{promptName}'", (server, token) => server.GetPromptAsync(promptName, arguments, token), ct);

    /// <summary>Values the server suggests for a prompt's argument (completion/complete); none when it does not complete.</summary>
    public Task<McpCompletion> CompletePromptArgumentAsync(
        string promptName, string argumentName, string value, IReadOnlyDictionary<string, string>? context = null, CancellationToken ct = default) =>
        Identity is { HasCompletions: false } ? Task.FromResult(new McpCompletion([], 0, false))
            : UseAsync($"completing prompt '{promptName}'", (server, token) => server.CompletePromptArgumentAsync(promptName, argumentName, value, context, token), ct);

    /// <summary>Asks the server to send log messages of <paramref name="level"/> and worse (<c>logging/setLevel</c>), when it
    /// declares logging; a level already set is not sent again.</summary>
    public Task SetLogLevelAsync(string level, CancellationToken ct = default) =>
        UseAsync("setting its log level", async (server, token) => { await server.SetLogLevelAsync(level, token); return true; }, ct);

    /// <summary>Subscribes to a resource (<c>resources/subscribe</c>): its <c>notifications/resources/updated</c> then reach the
    /// client host. A server that declares no subscriptions is an error naming it. A new container starts unsubscribed.</summary>
    public Task SubscribeResourceAsync(string uri, CancellationToken ct = default) =>
        UseAsync($"subscribing to resource '{uri}'", async (server, token) =>
        {
            if (!server.CanSubscribe)
                throw new McpServerProtocolException(Name, $"MCP server '{Name}' does not offer resource subscriptions, so resource '{uri}' cannot be watched.", -32601, null);
            await server.SubscribeAsync(uri, token);
            return true;
        }, ct);

    public Task UnsubscribeResourceAsync(string uri, CancellationToken ct = default) =>
        UseAsync($"unsubscribing from resource '{uri}'", async (server, token) => { await server.UnsubscribeAsync(uri, token); return true; }, ct);

    /// <summary>
    /// Checks the server now: its state, then an MCP ping and the container's state and memory when it runs.
    /// A check is not a use: it neither starts an idle server nor keeps it from idling.
    /// </summary>
    public Task<ServerHealth> CheckHealthAsync(TimeSpan pingLimit, CancellationToken ct = default) =>
        _supervisor.CheckHealthAsync(pingLimit, ct);

    /// <summary>Stops the server: its current container (end of input, grace period, kill), and any start under way.</summary>
    public Task StopAsync(CancellationToken ct = default) => _supervisor.StopAsync(ct);

    public ValueTask DisposeAsync() => new(StopAsync());

    // A changed tool list is read again at once (the filter applies), so a call or a listing sees the new tools. Worth
    // telling only when the tools differ from those listed before: not before the first listing, nor when a restarted
    // container announces the same tools as it starts.
    // Changes that come while a reading is under way (a server adding its tools one by one) make one more reading, not
    // one each: the reading under way reports them.
    private async Task<bool> OnListChangedAsync(McpListKind kind)
    {
        if (kind != McpListKind.Tools) return true;
        if (_tools is null || Interlocked.Increment(ref _toolReadings) != 1) return false;
        var changed = false;
        try
        {
            do
            {
                Volatile.Write(ref _toolReadings, 1);
                var before = _tools ?? [];
                var after = await ListToolsAsync(refresh: true);
                changed |= !after.Select(t => t.Name).Order(StringComparer.Ordinal).SequenceEqual(before.Select(t => t.Name).Order(StringComparer.Ordinal));
            }
            while (Interlocked.Decrement(ref _toolReadings) != 0);
        }
        catch
        {
            Volatile.Write(ref _toolReadings, 0);   // the next change reads again
            throw;
        }
        return changed;
    }

    private Task<T> UseAsync<T>(string operation, Func<ContainerSession, CancellationToken, Task<T>> request, CancellationToken ct) =>
        _supervisor.UseAsync(operation, request, ct);
}
