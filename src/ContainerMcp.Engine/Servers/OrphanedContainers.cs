using System.Globalization;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// Finds and removes the containers of ours (labelled <see cref="ContainerLabels.Managed"/>) that no live session owns:
/// those whose owner process on this machine is gone (a reused pid does not count as the owner), and those that no
/// longer run and belong to no live registry of this process. Containers of other machines are reported only when
/// asked for: whether their owner lives cannot be told from here.
/// </summary>
public sealed class OrphanedContainers
{
    // A launch creates its container before starting it, so a young "created" container may be a start in progress elsewhere.
    private static readonly TimeSpan LaunchGrace = TimeSpan.FromMinutes(1);

    private static readonly Dictionary<string, string?> ManagedFilter = new() { [ContainerLabels.Managed] = "true" };

    private readonly DockerClient _docker;
    private readonly HashSet<string> _liveSessions;

    /// <summary>Orphans on <c>docker</c>'s daemon; the containers of <c>liveRegistries</c> (this process's, in use) never are.</summary>
    public OrphanedContainers(DockerClient docker, params McpServerRegistry[] liveRegistries)
    {
        _docker = docker;
        _liveSessions = liveRegistries.Select(r => r.SessionId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The orphaned containers, oldest first; with <c>includeOtherHosts</c> also those other machines own.</summary>
    public async Task<IReadOnlyList<OrphanedContainer>> FindAsync(bool includeOtherHosts = false, CancellationToken ct = default)
    {
        var containers = await _docker.ListContainersAsync(ManagedFilter, all: true, ct);
        var orphans = new List<OrphanedContainer>();
        foreach (var container in containers)
        {
            if (WhyOrphaned(container, includeOtherHosts) is { } reason) orphans.Add(Describe(container, reason));
        }
        return orphans.OrderBy(o => o.Created).ToList();
    }

    /// <summary>
    /// Networks we created that no container, running or not, is attached to, oldest first. A network is shared across
    /// sessions, so its owner does not matter: once unused it is left over (after a grace period, as a start in
    /// progress creates the network just before its container).
    /// </summary>
    public async Task<IReadOnlyList<OrphanedNetwork>> FindNetworksAsync(CancellationToken ct = default)
    {
        var orphans = new List<OrphanedNetwork>();
        foreach (var network in await _docker.ListNetworksAsync(ManagedFilter, ct))
        {
            if (DateTimeOffset.UtcNow - network.Created < LaunchGrace) continue;
            if ((await _docker.ListNetworkContainersAsync(network.ID, ct)).Count > 0) continue;
            orphans.Add(new OrphanedNetwork(network.ID, network.Name, network.Internal, network.Created,
                "No container uses it any more."));
        }
        return orphans.OrderBy(o => o.Created).ToList();
    }

    /// <summary>Removes the network unless a container joined it meanwhile; one already gone counts as removed.</summary>
    public Task RemoveNetworkAsync(OrphanedNetwork orphan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(orphan);
        return ManagedNetworks.ReleaseAsync(_docker, orphan.Id, ct);
    }

    /// <summary>Force-removes the container, killing it if it runs; one already gone, or being removed, counts as removed.</summary>
    public async Task RemoveAsync(OrphanedContainer orphan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(orphan);
        await ContainerRemoval.KillAndRemoveAsync(_docker, orphan.Id, ct);
    }

    /// <summary>Null when a live session may own the container; otherwise why none does.</summary>
    private string? WhyOrphaned(ContainerListResponse container, bool includeOtherHosts)
    {
        var labels = container.Labels ?? new Dictionary<string, string>();
        if (labels.ValueOrNull(ContainerLabels.Session) is { } session && _liveSessions.Contains(session)) return null;

        var host = labels.ValueOrNull(ContainerLabels.OwnerHost);
        if (!string.Equals(host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
            return includeOtherHosts
                ? $"It belongs to host '{host ?? "(unnamed)"}'; whether its owner still runs cannot be told from here."
                : null;

        if (OwnerPidOf(labels) is not { } pid) return "It names no owner process.";
        if (OwnerProcess.WhyGone(pid, OwnerStartedOf(labels)) is { } gone) return gone;

        // The owner runs: only a container that no longer runs, outside this process's live registries, is left over.
        var state = container.State.ToLowerInvariant();
        if (state is not ("exited" or "dead" or "created")) return null;
        if (state == "created" && DateTimeOffset.UtcNow - CreatedOf(container) < LaunchGrace) return null;
        return $"It is {state}, and no live session of this process owns it (owner: process {pid}).";
    }

    private static OrphanedContainer Describe(ContainerListResponse container, string reason)
    {
        var labels = container.Labels ?? new Dictionary<string, string>();
        return new OrphanedContainer(
            container.ID,
            container.Names?.FirstOrDefault()?.TrimStart('/') ?? "",
            labels.ValueOrNull(ContainerLabels.Server),
            container.Image,
            container.State,
            container.Status,
            OwnerPidOf(labels),
            labels.ValueOrNull(ContainerLabels.OwnerHost),
            labels.ValueOrNull(ContainerLabels.Session),
            CreatedOf(container),
            reason);
    }

    private static int? OwnerPidOf(IDictionary<string, string> labels) =>
        int.TryParse(labels.ValueOrNull(ContainerLabels.OwnerPid), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : null;

    private static DateTime? OwnerStartedOf(IDictionary<string, string> labels) =>
        DateTime.TryParse(labels.ValueOrNull(ContainerLabels.OwnerStarted), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var started)
            ? started
            : null;

    private static DateTimeOffset CreatedOf(ContainerListResponse container) => new(container.Created);
}
