using System.Net;

namespace ContainerMcp.Engine.Egress;

/// <summary>What an allow-list entry names: one host, a host's subdomains (<c>*.example.org</c>), one address or a range.</summary>
public enum EgressTargetKind { Host, Subdomains, Address, Range }

/// <summary>
/// One allowed destination, as parsed from an allow-list entry: what it names and the one port it may be reached on.
/// <see cref="Private"/> entries came from the explicit private list and may reach private addresses; others may not.
/// </summary>
public sealed record EgressRule(EgressTargetKind Kind, string Target, int Port, bool Private)
{
    /// <summary>For <see cref="EgressTargetKind.Address"/> and <see cref="EgressTargetKind.Range"/>: the network, prefix length included.</summary>
    public IPNetwork? Network { get; init; }

    /// <summary>How reports show it: the canonical form, and "(private)" for an entry of the private list.</summary>
    public string Label => Private ? $"{this} (private)" : ToString();

    /// <summary>The entry in its canonical form, as it can be written back: <c>api.example.com:443</c>, <c>[fc00::1]:443</c>.</summary>
    public override string ToString()
    {
        var host = Kind switch
        {
            EgressTargetKind.Subdomains => "*." + Target,
            _ when Target.Contains(':') => $"[{Target}]",
            _ => Target,
        };
        return $"{host}:{Port}";
    }
}
