using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Docker.Models;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// Reads how a server's container really runs (the daemon's record, not what was asked for) and reports whether each
/// barrier holds: non-root user, read-only root, no capabilities, no-new-privileges, not privileged, no published
/// ports, no host namespaces, and only internal networks.
/// </summary>
public sealed class IsolationInspector(DockerClient docker)
{
    public const string NonRootUser = "NonRootUser";
    public const string ReadOnlyRootFilesystem = "ReadOnlyRootFilesystem";
    public const string CapabilitiesDropped = "CapabilitiesDropped";
    public const string NoNewPrivileges = "NoNewPrivileges";
    public const string NotPrivileged = "NotPrivileged";
    public const string NoPublishedPorts = "NoPublishedPorts";
    public const string NoHostNamespaces = "NoHostNamespaces";
    public const string InternalNetworksOnly = "InternalNetworksOnly";
    public const string EgressOnlyThroughProxy = "EgressOnlyThroughProxy";

    /// <summary>The report for the server's current container.</summary>
    /// <exception cref="McpServerException">The server has no container running (idle, or not started yet).</exception>
    public async Task<IsolationReport> InspectAsync(ManagedServer server, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var id = server.ContainerId;
        if (id.Length == 0)
            throw new McpServerException(server.Name,
                $"MCP server '{server.Name}' has no container running (state {server.State}), so there is nothing to inspect. " +
                "Call one of its tools to start it, then check again.");
        // The server's own engine: a session may run servers on several.
        var inspector = ReferenceEquals(server.Engine.Client, docker) ? this : new IsolationInspector(server.Engine.Client);
        var report = await inspector.InspectContainerAsync(server.Name, id, ct);
        if (server.Definition.Egress is not { } egress) return report;
        return report with
        {
            Checks = [.. report.Checks, await inspector.CheckEgressAsync(report, server.EgressProxy, ct)],
            EgressAllowList = egress.Rules.Select(r => r.Label).ToList(),
        };
    }

    /// <summary>
    /// An allow-list holds only when the proxy is the one way out: the server is on internal networks alone (no route
    /// out, no address on this machine), and its proxy runs on one of them.
    /// </summary>
    private async Task<IsolationCheck> CheckEgressAsync(IsolationReport report, Egress.EgressProxy? proxy, CancellationToken ct)
    {
        var open = report.Networks.Where(n => !n.Internal || n.ReachesHost).Select(n => n.Name).ToList();
        if (open.Count > 0)
            return new(EgressOnlyThroughProxy, false, $"It has a way out besides its egress proxy: {string.Join(", ", open)}.");
        if (proxy is null)
            return new(EgressOnlyThroughProxy, false, "It has an allow-list but no egress proxy runs for it.");
        bool running;
        try { running = (await docker.InspectContainerAsync(proxy.ContainerId, ct)).State?.Running == true; }
        catch (DockerContainerNotFoundException) { running = false; }
        if (!running)
            return new(EgressOnlyThroughProxy, false, $"Its egress proxy {proxy.ContainerName} is not running, so it reaches nothing.");
        if (!report.Networks.Any(n => n.Name == proxy.InternalNetwork))
            return new(EgressOnlyThroughProxy, false, $"It is not on its egress proxy's network {proxy.InternalNetwork}.");
        return new(EgressOnlyThroughProxy, true,
            $"Its only way out is its egress proxy {proxy.ContainerName} on the internal network {proxy.InternalNetwork}.");
    }

    /// <summary>The report for any container, under the given server name.</summary>
    public async Task<IsolationReport> InspectContainerAsync(string serverName, string containerId, CancellationToken ct = default)
    {
        var container = await docker.InspectContainerAsync(containerId, ct);
        var user = container.Config.User;
        if (string.IsNullOrWhiteSpace(user))
            user = (await docker.InspectImageAsync(container.Image, ct)).Config?.User;

        var networks = new List<NetworkInspect>();
        foreach (var (name, endpoint) in container.NetworkSettings?.Networks ?? [])
        {
            if (name is "none") continue;
            try { networks.Add(await docker.InspectNetworkAsync(endpoint.NetworkID is { Length: > 0 } nid ? nid : name, ct)); }
            catch (DockerNetworkNotFoundException) { networks.Add(new NetworkInspect { Name = name, Driver = name == "host" ? "host" : "" }); }
        }
        return Evaluate(serverName, container, user, networks);
    }

    /// <summary>The checks, from what the daemon reports. <paramref name="effectiveUser"/> is the container's user, or its image's when unset.</summary>
    public static IsolationReport Evaluate(string serverName, ContainerInspect container, string? effectiveUser, IReadOnlyList<NetworkInspect> networks)
    {
        var host = container.HostConfig;
        var reachable = networks
            .Select(n => new ReachableNetwork(n.Name, n.Internal, n.Driver == "host" || ManagedNetworks.ReachesHost(n)))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
        var checks = new List<IsolationCheck>
        {
            CheckUser(effectiveUser),
            host.ReadonlyRootfs
                ? new(ReadOnlyRootFilesystem, true, "The root filesystem is read-only.")
                : new(ReadOnlyRootFilesystem, false, "The root filesystem is writable."),
            CheckCapabilities(host),
            host.SecurityOpt?.Any(o => o is "no-new-privileges" or "no-new-privileges:true" or "no-new-privileges=true") == true
                ? new(NoNewPrivileges, true, "no-new-privileges is set: setuid programs cannot gain privileges.")
                : new(NoNewPrivileges, false, "no-new-privileges is not set: a setuid program could gain privileges."),
            host.Privileged
                ? new(NotPrivileged, false, "The container is privileged: it has every capability and the host's devices.")
                : new(NotPrivileged, true, "The container is not privileged."),
            CheckPorts(container),
            CheckNamespaces(host),
            CheckNetworks(reachable),
        };
        return new IsolationReport(serverName, container.Id, checks, reachable);
    }

    private static IsolationCheck CheckUser(string? user) =>
        string.IsNullOrWhiteSpace(user) || HardenedContainerRequest.IsRoot(user)
            ? new(NonRootUser, false, $"It runs as root (user '{(string.IsNullOrWhiteSpace(user) ? "" : user)}').")
            : new(NonRootUser, true, $"It runs as user '{user}', not root.");

    private static IsolationCheck CheckCapabilities(HostConfig host)
    {
        var remaining = CapabilitySet.Remaining(host.CapDrop);
        var added = (host.CapAdd ?? []).Select(CapabilitySet.Normalize).ToList();
        if (remaining.Count == 0 && added.Count == 0) return new(CapabilitiesDropped, true, "All capabilities are dropped and none added.");
        var problems = new List<string>();
        if (remaining.Count == CapabilitySet.EngineDefaults.Count) problems.Add("not all capabilities are dropped (the engine's default set remains)");
        else if (remaining.Count > 0) problems.Add($"not all capabilities are dropped: {string.Join(", ", remaining)} remain");
        if (added.Count > 0) problems.Add($"capabilities are added: {string.Join(", ", added)}");
        return new(CapabilitiesDropped, false, Sentence(string.Join("; ", problems)));
    }

    private static IsolationCheck CheckPorts(ContainerInspect container)
    {
        var published = new SortedSet<string>(StringComparer.Ordinal);
        void Collect(Dictionary<string, PortBinding[]?>? ports)
        {
            foreach (var (port, bindings) in ports ?? [])
                foreach (var binding in bindings ?? [])
                    published.Add($"{port} on {(string.IsNullOrEmpty(binding.HostIp) ? "0.0.0.0" : binding.HostIp)}:{binding.HostPort}");
        }
        Collect(container.HostConfig.PortBindings);
        Collect(container.NetworkSettings?.Ports);
        if (container.HostConfig.PublishAllPorts) published.Add("every exposed port (publish all)");
        return published.Count == 0
            ? new(NoPublishedPorts, true, "No port is published to the host.")
            : new(NoPublishedPorts, false, $"Ports are published to the host: {string.Join(", ", published)}.");
    }

    private static IsolationCheck CheckNamespaces(HostConfig host)
    {
        var shared = new List<string>();
        if (string.Equals(host.NetworkMode, "host", StringComparison.OrdinalIgnoreCase)) shared.Add("network");
        if (string.Equals(host.PidMode, "host", StringComparison.OrdinalIgnoreCase)) shared.Add("PID");
        if (string.Equals(host.IpcMode, "host", StringComparison.OrdinalIgnoreCase)) shared.Add("IPC");
        return shared.Count == 0
            ? new(NoHostNamespaces, true, "It shares no namespace with the host (network, PID, IPC).")
            : new(NoHostNamespaces, false, $"It shares the host's {string.Join(", ", shared)} namespace{(shared.Count > 1 ? "s" : "")}.");
    }

    private static IsolationCheck CheckNetworks(IReadOnlyList<ReachableNetwork> networks)
    {
        if (networks.Count == 0) return new(InternalNetworksOnly, true, "It is on no network.");
        var open = networks.Where(n => !n.Internal).Select(n => n.Name).ToList();
        var hostReachable = networks.Where(n => n.Internal && n.ReachesHost).Select(n => n.Name).ToList();
        if (open.Count == 0 && hostReachable.Count == 0)
            return new(InternalNetworksOnly, true, $"It reaches only internal networks, with no route out: {string.Join(", ", networks.Select(n => n.Name))}.");
        var problems = new List<string>();
        if (open.Count > 0) problems.Add($"it reaches networks with a route out: {string.Join(", ", open)}");
        if (hostReachable.Count > 0)
            problems.Add($"internal network{(hostReachable.Count > 1 ? "s" : "")} {string.Join(", ", hostReachable)} still reach{(hostReachable.Count > 1 ? "" : "es")} this machine's own addresses");
        return new(InternalNetworksOnly, false, Sentence(string.Join("; ", problems)));
    }

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";
}
