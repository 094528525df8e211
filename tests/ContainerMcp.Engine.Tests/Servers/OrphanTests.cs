using System.Diagnostics;
using System.Globalization;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// Real orphans: containers built by the engine's own request path, whose owner labels name a child process
/// of this test that is then killed (or never was the owner). Each test removes exactly the containers it made.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class OrphanTests(EngineFixture fixture)
{
    private static readonly string[] IdleNode = ["-e", "setInterval(() => {}, 1000)"];

    [Fact]
    public async Task Container_whose_owner_process_died_is_orphaned_and_removal_leaves_no_container()
    {
        using var owner = StartOwner();
        string? id = null;
        try
        {
            id = await CreateContainerAsync(owner.Id, owner.StartTime, start: true);
            owner.Kill();
            await owner.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var finder = new OrphanedContainers(fixture.Docker, fixture.Registry);

            var orphans = await finder.FindAsync();

            var orphan = Assert.Single(orphans, o => o.Id == id);
            Assert.Equal("running", orphan.State);
            Assert.Equal(owner.Id, orphan.OwnerPid);
            Assert.Contains($"process {owner.Id}", orphan.Reason);
            Assert.Contains("has exited", orphan.Reason);
            Assert.DoesNotContain(orphans, o => o.Id == fixture.Everything.ContainerId);
            Assert.DoesNotContain(orphans, o => o.SessionId == fixture.Registry.SessionId);

            await finder.RemoveAsync(orphan);

            await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => fixture.Docker.InspectContainerAsync(id));
            Assert.DoesNotContain(await finder.FindAsync(), o => o.Id == id);
            await finder.RemoveAsync(orphan); // already gone counts as removed
        }
        finally
        {
            await CleanUpAsync(owner, id);
        }
    }

    [Fact]
    public async Task Container_whose_owner_pid_now_belongs_to_a_later_process_is_orphaned()
    {
        using var impostor = StartOwner();
        string? id = null;
        try
        {
            // The labels say the owner started an hour before the process that holds its pid now: the pid was reused.
            id = await CreateContainerAsync(impostor.Id, impostor.StartTime.AddHours(-1), start: true);

            var orphans = await new OrphanedContainers(fixture.Docker, fixture.Registry).FindAsync();

            var orphan = Assert.Single(orphans, o => o.Id == id);
            Assert.Contains($"pid {impostor.Id} now belongs to a process started", orphan.Reason);
        }
        finally
        {
            await CleanUpAsync(impostor, id);
        }
    }

    [Fact]
    public async Task Container_of_a_live_owner_is_orphaned_only_once_it_stopped_outside_any_live_session()
    {
        string? id = null;
        try
        {
            // This very process owns it (pid and start time), but through a session that is no live registry.
            id = await CreateContainerAsync(ownerPid: null, ownerStarted: null, start: true);
            var finder = new OrphanedContainers(fixture.Docker, fixture.Registry);
            Assert.DoesNotContain(await finder.FindAsync(), o => o.Id == id);

            await fixture.Docker.KillContainerAsync(id);
            await fixture.Docker.WaitContainerAsync(id).WaitAsync(TimeSpan.FromSeconds(10));

            var orphan = Assert.Single(await finder.FindAsync(), o => o.Id == id);
            Assert.Equal("exited", orphan.State);
            Assert.Contains("no live session of this process owns it", orphan.Reason);
        }
        finally
        {
            await CleanUpAsync(null, id);
        }
    }

    [Fact]
    public async Task Container_just_created_by_a_live_owner_is_not_taken_for_an_orphan()
    {
        string? id = null;
        try
        {
            // A launch creates its container before it starts it; another session may be in between right now.
            id = await CreateContainerAsync(ownerPid: null, ownerStarted: null, start: false);

            Assert.DoesNotContain(await new OrphanedContainers(fixture.Docker, fixture.Registry).FindAsync(), o => o.Id == id);
        }
        finally
        {
            await CleanUpAsync(null, id);
        }
    }

    [Fact]
    public async Task Container_of_another_host_is_listed_only_when_asked_for()
    {
        string? id = null;
        var host = "elsewhere-" + Guid.NewGuid().ToString("n")[..8];
        try
        {
            id = await CreateContainerAsync(ownerPid: int.MaxValue, ownerStarted: null, start: false, ownerHost: host);
            var finder = new OrphanedContainers(fixture.Docker, fixture.Registry);

            Assert.DoesNotContain(await finder.FindAsync(), o => o.Id == id);
            var orphan = Assert.Single(await finder.FindAsync(includeOtherHosts: true), o => o.Id == id);
            Assert.Equal(host, orphan.OwnerHost);
            Assert.Contains($"host '{host}'", orphan.Reason);
        }
        finally
        {
            await CleanUpAsync(null, id);
        }
    }

    /// <summary>A short-lived child process to name as a container's owner.</summary>
    private static Process StartOwner() =>
        Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })
        ?? throw new InvalidOperationException("Could not start 'sleep 60' as a stand-in owner process.");

    /// <summary>
    /// A container as the engine would make it (labels, hardening, no network) for a fresh session that no registry
    /// holds; owner labels replaced when given. Returns its id.
    /// </summary>
    private async Task<string> CreateContainerAsync(int? ownerPid, DateTime? ownerStarted, bool start, string? ownerHost = null)
    {
        var spec = new ContainerLaunchSpec { Image = fixture.Rig.NodeImage, Command = IdleNode };
        var image = await fixture.Docker.InspectImageAsync(spec.Image);
        var serverName = EngineFixture.UniqueName("orphan");
        var request = HardenedContainerRequest.Build(spec, serverName, Guid.NewGuid().ToString("n"), image.Config?.User);
        if (ownerPid is { } pid) request.Labels![ContainerLabels.OwnerPid] = pid.ToString(CultureInfo.InvariantCulture);
        if (ownerStarted is { } started) request.Labels![ContainerLabels.OwnerStarted] = ContainerLabels.StartedValue(started);
        if (ownerHost is not null) request.Labels![ContainerLabels.OwnerHost] = ownerHost;

        var created = await fixture.Docker.CreateContainerAsync(request, $"containermcp-{serverName}");
        if (start) await fixture.Docker.StartContainerAsync(created.ID);
        return created.ID;
    }

    private async Task CleanUpAsync(Process? owner, string? containerId)
    {
        if (owner is { HasExited: false }) owner.Kill();
        if (containerId is null) return;
        try { await fixture.Docker.RemoveContainerAsync(containerId, force: true); }
        catch (DockerContainerNotFoundException) { }
    }
}
