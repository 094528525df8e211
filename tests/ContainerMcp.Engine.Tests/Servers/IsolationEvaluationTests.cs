using ContainerMcp.Engine.Containers;
using Docker.DotNet.Models;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>The isolation checks on the daemon's description of a container (the real daemon is in NetworkIsolationTests).</summary>
public sealed class IsolationEvaluationTests
{
    private static ContainerInspectResponse Hardened() => new()
    {
        ID = "c0ffee",
        Config = new ContainerConfig { User = "10001:10001" },
        HostConfig = new HostConfig
        {
            ReadonlyRootfs = true,
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges:true"],
            NetworkMode = "none",
        },
    };

    private static NetworkResponse Network(string name, bool @internal, bool inhibitHost = true) => new()
    {
        Name = name,
        Driver = "bridge",
        Internal = @internal,
        Options = inhibitHost ? new Dictionary<string, string> { [ManagedNetworks.InhibitHostAddress] = "true" } : null!,
    };

    [Fact]
    public void Hardened_container_with_no_network_is_isolated()
    {
        var report = IsolationInspector.Evaluate("s", Hardened(), "10001:10001", []);

        Assert.True(report.IsIsolated, string.Join(" ", report.Reasons));
        Assert.Empty(report.Reasons);
        Assert.Equal(8, report.Checks.Count);
        Assert.Empty(report.Networks);
    }

    [Fact]
    public void Internal_network_with_no_host_address_keeps_it_isolated()
    {
        var container = Hardened();
        container.HostConfig.NetworkMode = "pgnet";

        var report = IsolationInspector.Evaluate("s", container, "10001:10001", [Network("pgnet", @internal: true)]);

        Assert.True(report.IsIsolated, string.Join(" ", report.Reasons));
        Assert.Equal([new ReachableNetwork("pgnet", true, false)], report.Networks);
    }

    public static TheoryData<string, Action<ContainerInspectResponse>, string> Weakenings => new()
    {
        { IsolationInspector.NonRootUser, c => c.Config.User = "0", "root" },
        { IsolationInspector.ReadOnlyRootFilesystem, c => c.HostConfig.ReadonlyRootfs = false, "writable" },
        { IsolationInspector.CapabilitiesDropped, c => c.HostConfig.CapAdd = ["NET_RAW"], "NET_RAW" },
        { IsolationInspector.CapabilitiesDropped, c => c.HostConfig.CapDrop = null!, "Not all capabilities are dropped" },
        { IsolationInspector.NoNewPrivileges, c => c.HostConfig.SecurityOpt = null!, "no-new-privileges is not set" },
        { IsolationInspector.NotPrivileged, c => c.HostConfig.Privileged = true, "privileged" },
        { IsolationInspector.NoPublishedPorts, c => c.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>> { ["8080/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "18080" }] }, "8080/tcp on 127.0.0.1:18080" },
        { IsolationInspector.NoHostNamespaces, c => c.HostConfig.PidMode = "host", "PID" },
        { IsolationInspector.NoHostNamespaces, c => c.HostConfig.IpcMode = "host", "IPC" },
    };

    [Theory, MemberData(nameof(Weakenings))]
    public void Each_weakening_fails_its_own_check_and_gives_the_reason(string check, Action<ContainerInspectResponse> weaken, string reasonSays)
    {
        var container = Hardened();
        weaken(container);

        var report = IsolationInspector.Evaluate("s", container, container.Config.User, []);

        Assert.False(report.IsIsolated);
        var failed = Assert.Single(report.Checks, c => !c.Passed);
        Assert.Equal(check, failed.Name);
        Assert.Contains(reasonSays, Assert.Single(report.Reasons));
    }

    // What Podman 4.3's Docker API reports for a container created with CapDrop ["ALL"]: the default set, spelled out.
    private static readonly string[] PodmanAllDropped =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
        "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    [Fact]
    public void Every_default_capability_listed_as_dropped_counts_as_all_dropped_as_Podman_reports_it()
    {
        var container = Hardened();
        container.HostConfig.CapDrop = [.. PodmanAllDropped];
        container.HostConfig.CapAdd = [];

        var report = IsolationInspector.Evaluate("s", container, "10001:10001", []);

        Assert.True(report.IsIsolated, string.Join(" ", report.Reasons));
        Assert.Equal("All capabilities are dropped and none added.", report.Checks.Single(c => c.Name == IsolationInspector.CapabilitiesDropped).Detail);
    }

    [Fact]
    public void Capability_names_count_with_or_without_the_CAP_prefix_in_any_case()
    {
        var container = Hardened();
        container.HostConfig.CapDrop = [.. PodmanAllDropped.Select(c => "cap_" + c.ToLowerInvariant())];

        Assert.True(IsolationInspector.Evaluate("s", container, "10001:10001", []).IsIsolated);
    }

    [Fact]
    public void A_default_capability_missing_from_the_list_is_named_as_remaining()
    {
        // Podman's report for CapDrop ["ALL"] with CapAdd ["NET_RAW"]: NET_RAW is a default, so it is simply not dropped.
        var container = Hardened();
        container.HostConfig.CapDrop = [.. PodmanAllDropped.Where(c => c != "NET_RAW")];

        var report = IsolationInspector.Evaluate("s", container, "10001:10001", []);

        Assert.False(report.IsIsolated);
        Assert.Equal("Not all capabilities are dropped: NET_RAW remain.", Assert.Single(report.Reasons));
    }

    [Fact]
    public void A_capability_added_beyond_the_defaults_fails_even_with_every_default_dropped()
    {
        var container = Hardened();
        container.HostConfig.CapDrop = [.. PodmanAllDropped];
        container.HostConfig.CapAdd = ["CAP_SYS_ADMIN"];

        var report = IsolationInspector.Evaluate("s", container, "10001:10001", []);

        Assert.False(report.IsIsolated);
        Assert.Equal("Capabilities are added: SYS_ADMIN.", Assert.Single(report.Reasons));
    }

    [Fact]
    public void Image_user_counts_when_the_container_names_none()
    {
        var container = Hardened();
        container.Config.User = "";

        Assert.False(IsolationInspector.Evaluate("s", container, "root", []).IsIsolated);
        Assert.False(IsolationInspector.Evaluate("s", container, null, []).IsIsolated);
        Assert.True(IsolationInspector.Evaluate("s", container, "node", []).IsIsolated);
    }

    [Fact]
    public void Network_with_a_route_out_fails_and_is_named()
    {
        var report = IsolationInspector.Evaluate("s", Hardened(), "10001:10001", [Network("bridge", @internal: false, inhibitHost: false)]);

        var reason = Assert.Single(report.Reasons);
        Assert.Contains("route out: bridge", reason);
        Assert.Equal([new ReachableNetwork("bridge", false, true)], report.Networks);
    }

    [Fact]
    public void Internal_network_that_still_reaches_this_machine_fails()
    {
        var report = IsolationInspector.Evaluate("s", Hardened(), "10001:10001", [Network("theirs", @internal: true, inhibitHost: false)]);

        Assert.Contains("theirs still reaches this machine's own addresses", Assert.Single(report.Reasons));
    }

    [Fact]
    public void Host_network_fails_both_the_namespace_and_the_network_checks()
    {
        var container = Hardened();
        container.HostConfig.NetworkMode = "host";

        var report = IsolationInspector.Evaluate("s", container, "10001:10001", [new NetworkResponse { Name = "host", Driver = "host" }]);

        Assert.Equal([IsolationInspector.NoHostNamespaces, IsolationInspector.InternalNetworksOnly],
            report.Checks.Where(c => !c.Passed).Select(c => c.Name));
    }
}
