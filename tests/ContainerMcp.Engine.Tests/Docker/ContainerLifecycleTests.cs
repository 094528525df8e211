using System.Text;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

[Collection(DockerCollection.Name)]
public sealed class ContainerLifecycleTests(DockerFixture fixture)
{
    private const string EchoUntilEof =
        "process.stdin.on('data',d=>process.stdout.write(d));process.stdin.on('end',()=>{console.error('bye');process.exit(0)})";

    private readonly DockerClient _client = fixture.Client;

    [Fact]
    public async Task Attached_container_echoes_stdin_and_exits_0_once_stdin_is_half_closed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var runLabel = Guid.NewGuid().ToString("N");
        var id = await fixture.CreateNodeContainerAsync(EchoUntilEof, stdin: true, labels: new Dictionary<string, string> { ["io.containermcp.run"] = runLabel });
        try
        {
            await using var stream = await _client.AttachContainerAsync(id, ct);
            var stderr = new StringBuilder();
            stream.Stderr = bytes => { lock (stderr) stderr.Append(Encoding.UTF8.GetString(bytes)); };
            await _client.StartContainerAsync(id, ct);

            await stream.WriteAsync("hello\n"u8.ToArray(), ct);
            var echoed = new byte[6];
            await stream.ReadExactlyAsync(echoed, ct);
            Assert.Equal("hello\n", Encoding.UTF8.GetString(echoed));

            await stream.CloseWriteAsync(ct);
            await stream.CloseWriteAsync(ct);
            var exit = await _client.WaitContainerAsync(id, ct: ct);
            Assert.Equal(0, exit.StatusCode);

            // Output still flows after the half-close: the goodbye on stderr, then the end of the stream.
            Assert.Equal(0, await stream.ReadAsync(new byte[1], ct));
            Assert.Equal("bye\n", stderr.ToString());

            var inspect = await _client.InspectContainerAsync(id, ct);
            Assert.Equal("exited", inspect.State.Status);
            Assert.False(inspect.State.Running);
            Assert.Equal(0, inspect.State.ExitCode);
            Assert.Equal(DockerFixture.Image, inspect.Config.Image);

            var byValue = await _client.ListContainersAsync(new Dictionary<string, string?> { ["io.containermcp.run"] = runLabel }, ct: ct);
            Assert.Equal(id, Assert.Single(byValue).ID);
            var byPresence = await _client.ListContainersAsync(new Dictionary<string, string?> { ["io.containermcp.run"] = null }, ct: ct);
            Assert.Contains(byPresence, c => c.ID == id);

            await _client.RemoveContainerAsync(id, ct: ct);
            var gone = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _client.InspectContainerAsync(id, ct));
            Assert.Equal(id, gone.ContainerId);
        }
        finally
        {
            await fixture.RemoveQuietlyAsync(id);
        }
    }

    [Fact]
    public async Task Kill_ends_a_running_container_and_repeating_start_is_harmless()
    {
        var id = await fixture.CreateNodeContainerAsync("setInterval(()=>{},1000)");
        try
        {
            await _client.StartContainerAsync(id);
            await _client.StartContainerAsync(id);
            Assert.True((await _client.InspectContainerAsync(id)).State.Running);

            var stats = await _client.GetContainerStatsAsync(id);
            Assert.True(stats.MemoryStats?.Usage > 0, "a running node process uses memory");
            Assert.True(stats.PidsStats?.Current >= 1, "node is running");

            await _client.KillContainerAsync(id);
            await _client.WaitContainerAsync(id);

            Assert.False((await _client.InspectContainerAsync(id)).State.Running);
            await Assert.ThrowsAsync<DockerConflictException>(() => _client.KillContainerAsync(id)); // not running any more
        }
        finally
        {
            await fixture.RemoveQuietlyAsync(id);
        }
    }

    [Fact]
    public async Task Wait_registered_before_kill_reports_the_signal_exit_code()
    {
        var id = await fixture.CreateNodeContainerAsync("setInterval(()=>{},1000)");
        try
        {
            await _client.StartContainerAsync(id);
            var exited = await _client.BeginWaitContainerAsync(id, "next-exit");

            await _client.KillContainerAsync(id);

            Assert.Equal(137, (await exited.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);
        }
        finally
        {
            await fixture.RemoveQuietlyAsync(id);
        }
    }

    [Fact]
    public async Task Removing_a_running_container_needs_force()
    {
        var id = await fixture.CreateNodeContainerAsync("setInterval(()=>{},1000)");
        try
        {
            await _client.StartContainerAsync(id);

            await Assert.ThrowsAsync<DockerConflictException>(() => _client.RemoveContainerAsync(id));
            await _client.RemoveContainerAsync(id, force: true);

            await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _client.InspectContainerAsync(id));
        }
        finally
        {
            await fixture.RemoveQuietlyAsync(id);
        }
    }

    [Fact]
    public async Task Creating_a_second_container_with_a_taken_name_is_a_conflict()
    {
        var name = "containermcp-dockerclient-" + Guid.NewGuid().ToString("N")[..8];
        var id = await fixture.CreateNodeContainerAsync("0", name: name);
        try
        {
            var error = await Assert.ThrowsAsync<DockerConflictException>(() => fixture.CreateNodeContainerAsync("0", name: name));

            Assert.Contains(name, error.Message);
            Assert.Equal(name, (await _client.InspectContainerAsync(name)).Name.TrimStart('/'));
        }
        finally
        {
            await fixture.RemoveQuietlyAsync(id);
        }
    }
}
