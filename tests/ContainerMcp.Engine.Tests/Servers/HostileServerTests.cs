using System.Diagnostics;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using Xunit.Abstractions;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// tests/rig/servers/hostile-server.js, one misbehaviour per tool, against the real daemon. Each test shows the error
/// a user gets names the server and what was wrong, that this process's memory stays bounded, and that the session
/// survives: a proper call ('echo') works afterwards.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class HostileServerTests(EngineFixture fixture, ITestOutputHelper output)
{
    private const long Limit = 4L * 1024 * 1024;
    private static readonly string ServersDir = Path.Combine(RepoPaths.Root, "tests", "rig", "servers");

    [Fact]
    public async Task Garbage_and_partial_lines_on_stdout_are_ignored_noted_and_the_answer_still_arrives()
    {
        await WithServerAsync("hostile-garbage", async server =>
        {
            var result = await server.CallToolAsync("garbage");
            Assert.Equal("after garbage", result.Text);
            await WaitForNoteAsync(server, "wrote a line to stdout that is not a JSON-RPC message");
        });
    }

    [Fact]
    public async Task A_flood_of_200000_stderr_lines_keeps_only_the_last_lines_and_memory_bounded()
    {
        await WithServerAsync("hostile-stderr", async server =>
        {
            var (result, growth) = await MeasureAsync(() => server.CallToolAsync("stderr_flood", Args(("lines", 200_000))));
            Assert.Equal("flooded 200000", result.Text);
            await Eventually.TrueAsync(() => server.GetStderr().Contains("flood done"), "the flood's last line is in the log");
            var kept = server.GetStderr();
            Assert.InRange(kept.Count, 1, server.Definition.StderrLines + 1);
            Assert.StartsWith("flood line 999 ", kept[kept.Count - 2]);
            AssertBounded(growth, "a 200,000-line stderr flood");
        });
    }

    [Fact]
    public async Task A_storm_of_100000_log_notifications_is_survived_with_memory_bounded()
    {
        await WithServerAsync("hostile-storm", async server =>
        {
            var (result, growth) = await MeasureAsync(() => server.CallToolAsync("notify_storm", Args(("count", 100_000))));
            Assert.Equal("stormed 100000", result.Text);
            AssertBounded(growth, "100,000 log notifications");
        });
    }

    [Theory]
    [InlineData(false)]   // "id" after the result, as the TypeScript SDK writes it
    [InlineData(true)]    // "id" first, as the Python SDK writes it
    public async Task A_100_MiB_answer_over_a_4_MiB_limit_fails_its_call_clearly_without_holding_it(bool idFirst)
    {
        await WithServerAsync("hostile-huge", async server =>
        {
            var (error, growth) = await MeasureAsync(() => Assert.ThrowsAsync<McpMessageTooLargeException>(
                () => server.CallToolAsync("huge", Args(("mb", 100), ("id_first", idFirst))).WaitAsync(TimeSpan.FromSeconds(60))));

            Assert.Equal(server.Name, error.ServerName);
            Assert.InRange(error.Size, 100L * 1024 * 1024, 100L * 1024 * 1024 + 200);
            Assert.Equal(Limit, error.Limit);
            Assert.Contains($"MCP server '{server.Name}' sent an answer of 100.0 MiB while calling tool 'huge'", error.Message);
            Assert.Contains("more than its limit of 4 MiB", error.Message);
            Assert.Contains("raise max_message_mb", error.Message);
            Assert.Contains(Notes(server), n => n.Contains("refused an answer") && n.Contains("100.0 MiB"));
            AssertBounded(growth, "refusing a 100 MiB answer", garbageToo: true);
            Assert.True(growth.Allocated < 100L * 1024 * 1024,
                $"Refusing the answer allocated {Mib(growth.Allocated)}: it must be discarded as it streams past, not read.");
        });
    }

    [Fact]
    public async Task An_answer_under_the_limit_arrives_whole()
    {
        await WithServerAsync("hostile-big", async server =>
        {
            var result = await server.CallToolAsync("huge", Args(("mb", 3)));
            Assert.Equal(3 * 1024 * 1024, result.Text.Length);
        });
    }

    [Fact]
    public async Task A_20_MiB_notification_is_dropped_and_the_call_it_came_with_still_answers()
    {
        await WithServerAsync("hostile-bignote", async server =>
        {
            var (result, growth) = await MeasureAsync(() => server.CallToolAsync("huge_notification", Args(("mb", 20))));
            Assert.Equal("after the huge notification", result.Text);
            Assert.Contains(Notes(server), n => n.Contains("dropped a request or notification of 20.0 MiB"));
            AssertBounded(growth, "refusing a 20 MiB notification", garbageToo: true);
        });
    }

    [Fact]
    public async Task An_exit_in_the_middle_of_a_call_fails_it_quoting_stderr_and_the_server_restarts()
    {
        await WithServerAsync("hostile-exit", async server =>
        {
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<McpServerExitedException>(() => server.CallToolAsync("exit_mid_call").WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the call failed only after {clock.Elapsed}");
            Assert.Equal(server.Name, error.ServerName);
            Assert.Equal(3, error.Exit?.ExitCode);
            Assert.Contains("exiting in the middle of a call", error.Message);
            await Eventually.TrueAsync(() => server.State == McpServerState.Running && server.RestartCount == 1, "the server is restarted");
        });
    }

    [Fact]
    public async Task A_call_never_answered_times_out_naming_the_server()
    {
        await WithServerAsync("hostile-silent", async server =>
        {
            var error = await Assert.ThrowsAsync<McpServerTimeoutException>(
                () => server.CallToolAsync("never_answer", timeout: TimeSpan.FromSeconds(1)).WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Contains($"MCP server '{server.Name}' did not finish calling tool 'never_answer' within 1 s", error.Message);
        });
    }

    [Fact]
    public async Task A_second_answer_is_ignored_and_noted_and_does_not_answer_the_next_call()
    {
        await WithServerAsync("hostile-twice", async server =>
        {
            // The SDK handles incoming messages concurrently, so either answer may be the one taken; never both.
            Assert.Contains((await server.CallToolAsync("answer_twice")).Text, new[] { "first", "second" });
            var id = server.GetStderr().Last(l => l.StartsWith("call answer_twice "))["call answer_twice ".Length..];
            await WaitForNoteAsync(server, $"answered request id {id}, which no call is waiting for");
        });
    }

    [Fact]
    public async Task An_answer_to_an_unknown_id_is_ignored_and_noted()
    {
        await WithServerAsync("hostile-unknown", async server =>
        {
            Assert.Equal("for the caller", (await server.CallToolAsync("unknown_id")).Text);
            await WaitForNoteAsync(server, "answered request id 987654, which no call is waiting for");
        });
    }

    [Fact]
    public async Task A_result_of_the_wrong_type_fails_its_call_naming_the_server_and_the_member()
    {
        await WithServerAsync("hostile-types", async server =>
        {
            var error = await Assert.ThrowsAsync<McpMalformedAnswerException>(() => server.CallToolAsync("wrong_types"));
            Assert.Equal(server.Name, error.ServerName);
            Assert.Contains($"MCP server '{server.Name}' answered calling tool 'wrong_types' with a result that is not valid MCP", error.Message);
            Assert.Contains("a value that is not true or false at $.isError", error.Message);
            Assert.Contains("still running", error.Message);
        });
    }

    /// <summary>Starts the hostile server with a 4 MiB message limit, runs the test, then proves the session
    /// survived (a proper call answers, the server runs) and stops it.</summary>
    private async Task WithServerAsync(string prefix, Func<ManagedServer, Task> test)
    {
        var server = await fixture.Registry.StartAsync(new McpServerDefinition(EngineFixture.UniqueName(prefix), new ContainerLaunchSpec
        {
            Image = fixture.Rig.NodeImage,
            Command = ["/srv/hostile-server.js"],
            Volumes = [$"{ServersDir}:/srv:ro"],
        })
        {
            MaxMessageBytes = Limit,
        });
        try
        {
            await test(server);
            var echo = await server.CallToolAsync("echo", Args(("message", "still here")));
            Assert.Equal("Echo: still here", echo.Text);
            Assert.Equal(McpServerState.Running, server.State);
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    private sealed record Growth(long HeapPeak, long RetainedPeak, long Allocated, long WorkingSetPeak);

    /// <summary>
    /// This process's memory around one call, over its level before: the managed heap's peak, garbage included (read
    /// every 5 ms), and what is really held (read after a full collection every 100 ms); the bytes allocated meanwhile;
    /// and how far the working set's peak rose.
    /// </summary>
    private async Task<(T Result, Growth Growth)> MeasureAsync<T>(Func<Task<T>> call)
    {
        using var process = Process.GetCurrentProcess();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peakSetBefore = process.PeakWorkingSet64;
        long heapPeak = before, retainedPeak = before;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            for (int i = 0; !done.IsCancellationRequested; i++)
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
                if (i % 20 == 0) retainedPeak = Math.Max(retainedPeak, GC.GetTotalMemory(forceFullCollection: true));
                try { await Task.Delay(5, done.Token); } catch (OperationCanceledException) { }
            }
        });
        T result;
        try { result = await call(); }
        finally
        {
            await done.CancelAsync();
            await sampler;
        }
        process.Refresh();
        var growth = new Growth(heapPeak - before, retainedPeak - before, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            process.PeakWorkingSet64 - peakSetBefore);
        output.WriteLine($"memory: managed heap peak +{Mib(growth.HeapPeak)} (garbage included), held +{Mib(growth.RetainedPeak)}, " +
                         $"allocated {Mib(growth.Allocated)}, peak working set +{Mib(growth.WorkingSetPeak)} (limit {Mib(Limit)})");
        return (result, growth);
    }

    /// <summary>
    /// About twice the limit, with room for the sampler's lag: 3 × 4 MiB. What is held always counts; the heap with its
    /// garbage and the working set count where the bytes are ours to bound (a refused message), not where the SDK's own
    /// parsing of many small messages leaves garbage for the next collection.
    /// </summary>
    private static void AssertBounded(Growth growth, string what, bool garbageToo = false)
    {
        const long bound = 3 * Limit;
        Assert.True(growth.RetainedPeak < bound, $"The memory held grew by {Mib(growth.RetainedPeak)} during {what}; the bound is {Mib(bound)}.");
        if (!garbageToo) return;
        Assert.True(growth.HeapPeak < bound, $"The managed heap grew by {Mib(growth.HeapPeak)} during {what}; the bound is {Mib(bound)}.");
        Assert.True(growth.WorkingSetPeak < bound, $"The peak working set grew by {Mib(growth.WorkingSetPeak)} during {what}; the bound is {Mib(bound)}.");
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MiB";

    private static async Task WaitForNoteAsync(ManagedServer server, string text)
    {
        var clock = Stopwatch.StartNew();
        while (!Notes(server).Any(n => n.Contains(text)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(5))
                Assert.Fail($"No note '{text}' in the server's log within 5 s. Log:{Environment.NewLine}{string.Join(Environment.NewLine, server.GetStderr())}");
            await Task.Delay(20);
        }
    }

    private static IEnumerable<string> Notes(ManagedServer server) => server.GetStderr().Where(l => l.StartsWith(StderrRing.NotePrefix));

    private static IEnumerable<KeyValuePair<string, object?>> Args(params (string Name, object? Value)[] pairs) => ToolCallTests.Args(pairs);
}
