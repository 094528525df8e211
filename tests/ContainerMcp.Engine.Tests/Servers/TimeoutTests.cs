using System.Diagnostics;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// Timed-out and caller-cancelled calls against tests/rig/servers/hang-server.js, whose 'hang' tool never
/// answers. The server logs "hang &lt;id&gt;" when such a call arrives and "cancelled &lt;id&gt; …" when told
/// to drop it, so these tests see the cancellation reach the server, not just the client giving up, and that it
/// arrives once (the SDK sends it; a second sender of ours would show as a second line).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class TimeoutTests(EngineFixture fixture)
{
    private static readonly TimeSpan StderrWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StderrSettle = TimeSpan.FromMilliseconds(300);
    private static readonly string ServersDir = Path.Combine(RepoPaths.Root, "tests", "rig", "servers");

    [Fact]
    public async Task Call_over_its_timeout_is_cancelled_on_the_server_and_the_session_stays_usable()
    {
        var server = await StartHangServerAsync("hang-timeout", callTimeout: TimeSpan.FromSeconds(1));
        try
        {
            int hangsBefore = HangLines(server).Count;
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<McpServerTimeoutException>(
                () => server.CallToolAsync("hang").WaitAsync(TimeSpan.FromSeconds(10)));
            clock.Stop();

            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
            Assert.Equal(server.Name, error.ServerName);
            Assert.Equal(TimeSpan.FromSeconds(1), error.Timeout);
            Assert.Contains($"MCP server '{server.Name}'", error.Message);
            Assert.Contains("tool 'hang'", error.Message);
            Assert.Contains("within 1 s", error.Message);
            await AssertCancelledOnceOnServerAsync(server, hangsBefore);

            var echo = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "still here")));
            Assert.Equal("Echo: still here", echo.Text);
            Assert.Equal(McpServerState.Running, server.State);
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    [Fact]
    public async Task Timeout_given_with_the_call_overrides_the_servers_own()
    {
        var server = await StartHangServerAsync("hang-override", callTimeout: TimeSpan.FromSeconds(1));
        try
        {
            // Longer than the server's 1 s: the call runs its 2.5 s, not 1 s.
            int hangsBefore = HangLines(server).Count;
            var clock = Stopwatch.StartNew();
            var longer = await Assert.ThrowsAsync<McpServerTimeoutException>(
                () => server.CallToolAsync("hang", timeout: TimeSpan.FromSeconds(2.5)).WaitAsync(TimeSpan.FromSeconds(10)));
            clock.Stop();
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.4), TimeSpan.FromSeconds(4.5));
            Assert.Equal(TimeSpan.FromSeconds(2.5), longer.Timeout);
            Assert.Contains("within 2.5 s", longer.Message);
            await AssertCancelledOnceOnServerAsync(server, hangsBefore);

            // Shorter than the server's: 0.3 s.
            hangsBefore = HangLines(server).Count;
            clock.Restart();
            var shorter = await Assert.ThrowsAsync<McpServerTimeoutException>(
                () => server.CallToolAsync("hang", timeout: TimeSpan.FromSeconds(0.3)).WaitAsync(TimeSpan.FromSeconds(10)));
            clock.Stop();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.9), $"the 0.3 s call failed only after {clock.Elapsed}");
            Assert.Equal(TimeSpan.FromSeconds(0.3), shorter.Timeout);
            await AssertCancelledOnceOnServerAsync(server, hangsBefore);
            Assert.Equal(McpServerState.Running, server.State);
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    [Fact]
    public async Task Caller_cancellation_is_sent_to_the_server_and_surfaces_as_cancellation_not_timeout()
    {
        var server = await StartHangServerAsync("hang-ctrlc", callTimeout: TimeSpan.FromSeconds(30));
        try
        {
            using var ctrlC = new CancellationTokenSource();
            int hangsBefore = HangLines(server).Count;
            var call = server.CallToolAsync("hang", ct: ctrlC.Token);
            await WaitForStderrAsync(server, () => HangLines(server).Count > hangsBefore, "'hang <id>' line (the call arrived)");

            var clock = Stopwatch.StartNew();
            await ctrlC.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the cancelled call ended only after {clock.Elapsed}");
            await AssertCancelledOnceOnServerAsync(server, hangsBefore);
            var echo = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "after Ctrl+C")));
            Assert.Equal("Echo: after Ctrl+C", echo.Text);
            Assert.Equal(McpServerState.Running, server.State);
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    private Task<ManagedServer> StartHangServerAsync(string prefix, TimeSpan? callTimeout) =>
        fixture.Registry.StartAsync(new McpServerDefinition(EngineFixture.UniqueName(prefix), new ContainerLaunchSpec
        {
            Image = fixture.Rig.NodeImage,   // its entrypoint is node
            Command = ["/srv/hang-server.js"],
            Volumes = [$"{ServersDir}:/srv:ro"],
        })
        {
            CallTimeout = callTimeout,
        });

    private static List<string> HangLines(ManagedServer server) => server.GetStderr().Where(l => l.StartsWith("hang ")).ToList();

    /// <summary>Waits until the server got hanging call number <paramref name="hangsBefore"/> + 1 and was told to
    /// cancel it, by that call's request id; then, once a ping has been answered after it (the server reads its
    /// input in order) and its stderr had a moment to arrive, checks that it was told exactly once.</summary>
    private static async Task AssertCancelledOnceOnServerAsync(ManagedServer server, int hangsBefore)
    {
        await WaitForStderrAsync(server, () => HangLines(server).Count > hangsBefore, "'hang <id>' line (the call arrived)");
        var prefix = $"cancelled {HangLines(server)[hangsBefore]["hang ".Length..]} ";
        await WaitForStderrAsync(server, () => server.GetStderr().Any(l => l.StartsWith(prefix)),
            $"'{prefix}…' (the server was told to drop that request)");
        await server.PingAsync();
        await Task.Delay(StderrSettle);
        var cancellations = server.GetStderr().Where(l => l.StartsWith(prefix)).ToList();
        Assert.True(cancellations.Count == 1,
            $"The server was told {cancellations.Count} times to drop the request:{Environment.NewLine}" +
            string.Join(Environment.NewLine, cancellations));
    }

    private static async Task WaitForStderrAsync(ManagedServer server, Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > StderrWait)
                Assert.Fail($"No stderr {what} within {StderrWait.TotalSeconds} s. Stderr:{Environment.NewLine}" +
                            string.Join(Environment.NewLine, server.GetStderr()));
            await Task.Delay(20);
        }
    }
}
