using ContainerMcp.Engine.Docker;
using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// Named networks made on demand for servers: created (labelled as ours) when a server names one that does not
/// exist, and removed again once no container uses them. A network someone else made is used as it is, never removed.
/// </summary>
public static class ManagedNetworks
{
    /// <summary>
    /// Docker's <c>internal</c> flag stops forwarding out of the network, but the bridge keeps an address on this
    /// machine, so its services stay reachable (Docker 20.10 even routes to it by default). With no address on the
    /// bridge, the containers of an internal network reach each other and nothing else.
    /// </summary>
    public const string InhibitHostAddress = "com.docker.network.bridge.inhibit_ipv4";

    private static readonly string[] BuiltIn = ["none", "host", "bridge", "default"];

    /// <summary>True for a user-defined network name; false for none, host, bridge, default and <c>container:…</c>.</summary>
    public static bool IsNamed(string network) =>
        !string.IsNullOrWhiteSpace(network) &&
        !BuiltIn.Contains(network, StringComparer.OrdinalIgnoreCase) &&
        !network.StartsWith("container:", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when containers on the network can reach this machine: a bridge that kept its host address.</summary>
    public static bool ReachesHost(NetworkResponse network) =>
        network.Driver == "bridge" &&
        !(network.Options.ValueOrNull(InhibitHostAddress) is { } inhibit && bool.TryParse(inhibit, out var on) && on);

    /// <summary>
    /// Makes sure the named network exists: creates it (internal when asked) if it does not. An existing network
    /// that is not internal when <paramref name="internal"/> asks for one is refused rather than used.
    /// </summary>
    /// <exception cref="ContainerNetworkException">The network exists but is not internal.</exception>
    public static async Task<NetworkResponse> EnsureAsync(DockerClient docker, string name, bool @internal, CancellationToken ct = default)
    {
        NetworkResponse network;
        try
        {
            network = await docker.InspectNetworkAsync(name, ct);
        }
        catch (DockerNetworkNotFoundException)
        {
            try
            {
                await docker.CreateNetworkAsync(new NetworksCreateParameters
                {
                    Name = name,
                    Internal = @internal,
                    Labels = ContainerLabels.ForNetwork(),
                    Options = @internal ? new Dictionary<string, string> { [InhibitHostAddress] = "true" } : null!,
                }, ct);
            }
            catch (DockerConflictException)
            {
                // Created meanwhile by another server's start: use that one.
            }
            network = await docker.InspectNetworkAsync(name, ct);
        }

        if (@internal && !network.Internal)
            throw new ContainerNetworkException(name,
                $"Network '{name}' exists but is not internal, so a server on it could reach beyond it. " +
                $"Remove it (docker network rm {name}) to have it made internal, or name another network.");
        return network;
    }

    /// <summary>
    /// Removes the network if it is ours and no container, running or not, is attached to it any more.
    /// Someone else's network, one still in use, or one already gone is left alone: this never fails for those.
    /// </summary>
    /// <returns>True when the network was removed here.</returns>
    public static async Task<bool> ReleaseAsync(DockerClient docker, string name, CancellationToken ct = default)
    {
        try
        {
            var network = await docker.InspectNetworkAsync(name, ct);
            if (network.Labels.ValueOrNull(ContainerLabels.Managed) != "true") return false;
            if ((await docker.ListNetworkContainersAsync(network.ID, ct)).Count > 0) return false;
            await docker.RemoveNetworkAsync(network.ID, ct);
            return true;
        }
        catch (DockerNetworkNotFoundException) { return false; }
        catch (DockerConflictException) { return false; } // a container joined meanwhile
    }
}
