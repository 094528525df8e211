using System.Diagnostics;
using System.Reflection;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Egress;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Observability;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ContainerMcp.Engine.Servers;

/// <summary>How a session begins: the container launched, then the MCP handshake over its stdio.</summary>
internal sealed partial class ContainerSession
{
    private static readonly TimeSpan InitializeTimeoutMargin = TimeSpan.FromSeconds(5);

    // The SDK (2.4.0) first probes with `server/discover` (the 2026-07-28 revision) and falls back to `initialize`
    // on a refusal or after this long without an answer. Servers older than that revision may drop the probe
    // unanswered, and it goes out before a fresh container has even read its stdin: any wait long enough for a
    // server to answer costs those servers all of it on every start. So we all but skip it (the SDK takes no zero):
    // every server gets the `initialize` handshake, as before 2.4.0. Pinning ProtocolVersion would skip the probe
    // too, but then a server answering with any other version fails to start.
    private static readonly TimeSpan DiscoverProbeTimeout = TimeSpan.FromMilliseconds(1);

    /// <summary>Launches the container and completes the MCP handshake; on any failure nothing is left running.
    /// Its span is the parent of create, attach, start and initialize, and the server gets it as TRACEPARENT.</summary>
    internal static async Task<ContainerSession> StartAsync(
        DockerClient docker, McpServerDefinition definition, string sessionId, EgressLog egressLog, ServerClientSide clientSide,
        IProgress<string>? progress, CancellationToken ct)
    {
        using var span = McpTelemetry.StartSpan($"start {definition.Name}", definition.Name, definition.Container.Image);
        AttachedContainer container;
        EgressProxy? proxy = null;
        try
        {
            var spec = definition.Container;
            if (definition.Egress is { } egress)
            {
                // The proxy first: the server's only way out must be there before the server is.
                proxy = await EgressProxy.StartAsync(docker, egress, definition.Name, sessionId, egressLog, progress, ct);
                spec = spec with
                {
                    Network = proxy.InternalNetwork,
                    InternalNetwork = true,
                    Environment = new Dictionary<string, string>(spec.Environment.Concat(proxy.Environment)),
                };
            }
            container = await AttachedContainer.LaunchAsync(docker, TraceContext.AddTo(spec, span),
                definition.Name, sessionId, definition.StderrLines, progress, ct);
        }
        catch (Exception ex)
        {
            span.Fail(Outcomes.Of(ex), ex.Message);
            if (proxy is not null) await proxy.StopAsync(CancellationToken.None);
            throw;
        }
        span?.SetTag(McpTelemetry.Tags.ContainerId, container.Id);
        var server = new ContainerSession(definition, container, proxy);
        try
        {
            progress?.Report("Initializing the MCP session");
            await server.InitializeAsync(clientSide, ct);
            span.Succeed();
            return server;
        }
        catch (Exception ex)
        {
            span.Fail(Outcomes.Of(ex), ex.Message.Split('\n')[0]);
            await server.StopAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task InitializeAsync(ServerClientSide clientSide, CancellationToken ct)
    {
        using var span = McpTelemetry.StartSpan("initialize", Name, Image, ActivityKind.Client);
        span?.SetTag(McpTelemetry.Tags.ContainerId, ContainerId);
        // One message from the server is bounded (max_message_mb) before the SDK reads it as a line; what the SDK
        // ignores (garbage on stdout, answers nobody waits for) becomes a note in the server's log.
        var stdout = new BoundedMessageStream(_container.Stdout, Definition.MaxMessageBytes, _container.Stderr.Note);
        var notes = new ProtocolNotes(_container.Stderr.Note);
        // Notifications are seen in order, before the answer that follows them (InOrderNotifications).
        var transport = new InOrderNotifications(new StreamClientTransport(_container.Stdin, stdout, notes),
            notification => OnNotification(clientSide, notification));
        var options = new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "ContainerMcp", Version = EngineVersion },
            // Our own limit (RunAsync below) must be the one that fires, so the error names the server; the
            // SDK's equal timer raced it and sometimes threw its bare TimeoutException first.
            InitializationTimeout = Definition.InitializeTimeout + InitializeTimeoutMargin,
            DiscoverProbeTimeout = DiscoverProbeTimeout,
            Capabilities = ClientCapabilities,
            Handlers = ClientHandlers(clientSide),
        };
        _client = await RunAsync("starting", async token =>
            await McpClient.CreateAsync(transport, options, notes, token),
            Definition.InitializeTimeout, ct, requireRunning: false);
        notes.SessionStarted();
        Identity = McpMapping.ToIdentity(_client.ServerInfo, _client.ServerCapabilities,
            _client.NegotiatedProtocolVersion, _client.ServerInstructions);
        _state = McpServerState.Running;
    }

    private static string EngineVersion { get; } =
        typeof(ContainerSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
