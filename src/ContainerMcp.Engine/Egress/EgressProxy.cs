using System.Net;
using System.Security.Cryptography;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Egress;

/// <summary>
/// One server container's way out: a Squid container on an internal network made for that server alone (no route out,
/// no address on this machine) and on the egress network. The server joins the internal network and gets the proxy in
/// HTTP_PROXY/HTTPS_PROXY; what ignores them reaches nothing. One proxy per server container: nothing shared, so one
/// server's allow-list never widens another's, and the proxy goes when its server does.
/// </summary>
public sealed class EgressProxy : IAsyncDisposable
{
    /// <summary>On the proxy container: what it is, so a listing tells it from the server beside it.</summary>
    public const string RoleLabel = ContainerLabels.Prefix + "role";
    public const string Role = "egress-proxy";

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);
    private const string ConfigVariable = "CONTAINERMCP_SQUID_CONF";

    private readonly DockerClient _docker;
    private readonly AttachedContainer _container;
    private readonly Task _reader;

    private EgressProxy(DockerClient docker, AttachedContainer container, string internalNetwork, string address, EgressLog log)
    {
        _docker = docker;
        _container = container;
        InternalNetwork = internalNetwork;
        Url = $"http://{(address.Contains(':') ? $"[{address}]" : address)}:{SquidConfiguration.Port}";
        _reader = ReadLogAsync(container.Stdout, log);
    }

    public string ContainerId => _container.Id;
    public string ContainerName => _container.ContainerName;

    /// <summary>The network made for the server and its proxy: internal, no address on this machine.</summary>
    public string InternalNetwork { get; }

    /// <summary>The proxy as the server reaches it, by address (names with '_' or '.' confuse some HTTP clients).</summary>
    public string Url { get; }

    /// <summary>Squid's own lines (start-up, errors), the last ones.</summary>
    public IReadOnlyList<string> GetStderr(int? tail = null) => _container.Stderr.Tail(tail);

    /// <summary>The variables that send a server's HTTP through the proxy, in both the upper- and lower-case spellings clients read.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["HTTP_PROXY"] = Url, ["HTTPS_PROXY"] = Url, ["http_proxy"] = Url, ["https_proxy"] = Url,
        ["NO_PROXY"] = "localhost,127.0.0.1,::1", ["no_proxy"] = "localhost,127.0.0.1,::1",
    };

    /// <summary>
    /// Makes the internal network, starts Squid on the egress network, joins it to the internal one and waits until it
    /// listens. On any failure nothing is left: no container, no network.
    /// </summary>
    public static async Task<EgressProxy> StartAsync(DockerClient docker, EgressSpec spec, string serverName, string sessionId,
        EgressLog log, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var gateways = await EgressGatewaysAsync(docker, spec, serverName, ct);
        await EnsureImageAsync(docker, spec.ProxyImage, serverName, ct);

        var network = $"containermcp-egress-{serverName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        AttachedContainer? container = null;
        try
        {
            progress?.Report($"Preparing the egress network {network}");
            await ManagedNetworks.EnsureAsync(docker, network, @internal: true, ct);
            progress?.Report($"Starting the egress proxy ({spec.Rules.Count} allowed destination{(spec.Rules.Count == 1 ? "" : "s")})");
            container = await AttachedContainer.LaunchAsync(docker, LaunchSpec(spec, gateways), serverName, sessionId, 100, null, ct);
            await docker.ConnectNetworkAsync(network, container.Id, ct);
            var address = (await docker.InspectContainerAsync(container.Id, ct)).NetworkSettings?.Networks is { } joined
                && joined.TryGetValue(network, out var endpoint) ? endpoint.IPAddress : null;
            if (string.IsNullOrEmpty(address))
                throw new EgressProxyException(serverName, $"The egress proxy of MCP server '{serverName}' got no address on network {network}.");
            var proxy = new EgressProxy(docker, container, network, address, log);
            await proxy.WaitUntilListeningAsync(serverName, ct);
            return proxy;
        }
        catch
        {
            if (container is not null) await container.StopAsync(TimeSpan.Zero, CancellationToken.None);
            await ReleaseAsync(docker, network);
            throw;
        }
    }

    /// <summary>The hardened container Squid runs in: as the servers, plus its configuration in an environment variable.</summary>
    private static ContainerLaunchSpec LaunchSpec(EgressSpec spec, IEnumerable<IPAddress> gateways) => new()
    {
        Image = spec.ProxyImage,
        // The root filesystem is read-only: the configuration goes to the /tmp tmpfs, and squid runs in the foreground.
        Entrypoint = ["/bin/sh", "-c", $"printf '%s\\n' \"${ConfigVariable}\" > /tmp/squid.conf && exec squid -N -f /tmp/squid.conf"],
        Command = [],
        Environment = new Dictionary<string, string> { [ConfigVariable] = SquidConfiguration.Render(spec.Rules, gateways) },
        Network = spec.Network,
        MemoryMB = 128,
        Cpus = 0.5,
        PidsLimit = 64,
        Labels = new Dictionary<string, string> { [RoleLabel] = Role },
    };

    /// <summary>The gateways of the egress network are this machine: refused unless listed by address.</summary>
    private static async Task<IReadOnlyList<IPAddress>> EgressGatewaysAsync(DockerClient docker, EgressSpec spec, string serverName, CancellationToken ct)
    {
        try
        {
            var network = await docker.InspectNetworkAsync(spec.Network, ct);
            if (network.Internal)
                throw new EgressProxyException(serverName,
                    $"Egress network '{spec.Network}' of MCP server '{serverName}' is internal, so its proxy could reach nothing: name a network with a route out (or leave it, for bridge).",
                    EngineErrorKind.InvalidArgument);
            return (network.IPAM?.Config ?? []).Select(c => IPAddress.TryParse(c.Gateway, out var ip) ? ip : null).OfType<IPAddress>().ToList();
        }
        catch (DockerNetworkNotFoundException ex)
        {
            throw new EgressProxyException(serverName,
                $"Egress network '{spec.Network}' of MCP server '{serverName}' does not exist: create it (docker network create {spec.Network}) or leave egress.network unset for bridge.",
                EngineErrorKind.NotFound, ex);
        }
    }

    private static async Task EnsureImageAsync(DockerClient docker, string image, string serverName, CancellationToken ct)
    {
        try { await docker.InspectImageAsync(image, ct); }
        catch (DockerImageNotFoundException ex)
        {
            throw new EgressProxyException(serverName,
                $"The egress proxy image '{image}' of MCP server '{serverName}' is not on this Docker engine. Name an image with squid in it " +
                $"(egress.proxy_image, -EgressProxyImage), or build {EgressSpec.DefaultProxyImage} from this machine's squid package as README.md's 'Egress' section shows.",
                EngineErrorKind.NotFound, ex);
        }
    }

    /// <summary>Squid says it accepts connections on stderr; a proxy that dies first (a bad configuration) is quoted.</summary>
    private async Task WaitUntilListeningAsync(string serverName, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReadyLimit;
        while (!_container.Stderr.Tail().Any(l => l.Contains("Accepting HTTP Socket connections", StringComparison.Ordinal)))
        {
            if (_container.OutputEnded.IsCompleted || DateTime.UtcNow > deadline)
            {
                var said = string.Join("\n  ", _container.Stderr.Tail(10));
                throw new EgressProxyException(serverName,
                    $"The egress proxy of MCP server '{serverName}' ({_container.ContainerName}) {(_container.OutputEnded.IsCompleted ? "exited" : $"did not listen within {ReadyLimit.TotalSeconds:0} s")} " +
                    $"before the server could start. Its last lines:\n  {said}");
            }
            await Task.Delay(50, ct);
        }
    }

    private static async Task ReadLogAsync(Stream stdout, EgressLog log)
    {
        await Task.Yield();
        try
        {
            using var reader = new StreamReader(stdout);
            while (await reader.ReadLineAsync() is { } line)
                if (EgressLogParser.Parse(line) is { } entry) log.Add(entry);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException) { } // the proxy went
    }

    /// <summary>Stops and removes the proxy, then its internal network once nothing else is on it.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        await _container.StopAsync(TimeSpan.Zero, ct);
        await _reader;
        await ReleaseAsync(_docker, InternalNetwork);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static async Task ReleaseAsync(DockerClient docker, string network)
    {
        try { await ManagedNetworks.ReleaseAsync(docker, network); }
        catch (DockerEngineException) { } // left for the orphan sweep
    }
}
