using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Containers;

[Collection(EngineCollection.Name)]
public sealed class HardeningTests(EngineFixture fixture)
{
    [Fact]
    public async Task Running_server_container_has_every_hardened_default()
    {
        var inspect = await fixture.Docker.InspectContainerAsync(fixture.Everything.ContainerId);
        var host = inspect.HostConfig;

        Assert.True(inspect.State.Running);
        Assert.Equal("10001:10001", inspect.Config.User); // the image's non-root user
        Assert.True(host.ReadonlyRootfs);
        Assert.NotNull(host.Tmpfs);
        Assert.StartsWith("rw,noexec,nosuid,nodev,size=64m", host.Tmpfs!["/tmp"]);
        Assert.Equal(["ALL"], host.CapDrop!);
        Assert.Contains("no-new-privileges:true", host.SecurityOpt!);
        Assert.Equal("none", host.NetworkMode);
        Assert.Equal(512L * 1024 * 1024, host.Memory);
        Assert.Equal(host.Memory, host.MemorySwap);
        Assert.Equal(1_000_000_000L, host.NanoCPUs);
        Assert.Equal(256L, host.PidsLimit);
        Assert.True(host.Init);
        Assert.Equal("none", host.LogConfig?.Type);
        Assert.False(inspect.Config.Tty);
        Assert.True(inspect.Config.OpenStdin);
        Assert.True(inspect.Config.StdinOnce);

        var labels = inspect.Config.Labels!;
        Assert.Equal("true", labels[ContainerLabels.Managed]);
        Assert.Equal(fixture.Everything.Name, labels[ContainerLabels.Server]);
        Assert.Equal(Environment.ProcessId.ToString(), labels[ContainerLabels.OwnerPid]);
        Assert.Equal(fixture.Registry.SessionId, labels[ContainerLabels.Session]);
    }

    [Fact]
    public async Task Server_process_really_runs_unprivileged_with_a_read_only_root()
    {
        var inspect = await fixture.Docker.InspectContainerAsync(fixture.Everything.ContainerId);
        var serverPid = ProcessTree.ChildOf(inspect.State.Pid);

        var status = File.ReadAllLines($"/proc/{serverPid}/status");
        Assert.Contains(status, l => l.StartsWith("Uid:") && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "10001");
        Assert.Contains(status, l => l.StartsWith("CapEff:") && l.EndsWith("0000000000000000"));
        Assert.Contains(status, l => l.StartsWith("NoNewPrivs:") && l.EndsWith("1"));
        var rootMount = File.ReadAllLines($"/proc/{serverPid}/mounts").First(l => l.Split(' ')[1] == "/");
        Assert.Contains("ro", rootMount.Split(' ')[3].Split(','));
    }
}
