namespace ContainerMcp.Engine.Servers;

/// <summary>
/// Reads which capabilities a container still holds from what the engine reports. Docker echoes the request: a
/// container with none has <c>CapDrop: ["ALL"]</c>. Podman (4.x) reports the bounding set against Docker's default
/// one instead: <c>CapDrop</c> names each default capability the container lacks, <c>CapAdd</c> each it has beyond
/// them. So on Podman "all dropped" reads as the whole default list spelled out, and no capability added.
/// </summary>
internal static class CapabilitySet
{
    /// <summary>Docker's default capabilities (moby's oci/caps defaults), the set Podman's Docker-API inspect compares against.</summary>
    public static IReadOnlyList<string> EngineDefaults { get; } =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
        "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    /// <summary>"cap_net_raw" and "NET_RAW" alike become "NET_RAW".</summary>
    public static string Normalize(string capability)
    {
        var name = capability.Trim().ToUpperInvariant();
        return name.StartsWith("CAP_", StringComparison.Ordinal) ? name[4..] : name;
    }

    /// <summary>The default capabilities <paramref name="capDrop"/> leaves in place: none when it has ALL or lists every one.</summary>
    public static IReadOnlyList<string> Remaining(IEnumerable<string>? capDrop)
    {
        var dropped = new HashSet<string>((capDrop ?? []).Select(Normalize), StringComparer.Ordinal);
        return dropped.Contains("ALL") ? [] : EngineDefaults.Where(c => !dropped.Contains(c)).ToList();
    }
}
