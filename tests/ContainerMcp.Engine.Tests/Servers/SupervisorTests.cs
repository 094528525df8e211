using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// The lifecycle state machine without a daemon: fake containers the test kills, holds and releases, and a clock
/// whose delays pass only when the test says so. The real-daemon tests (RestartTests, StrategyTests …) prove the same
/// paths against real containers.
/// </summary>
public sealed class SupervisorTests
{
    /// <summary>How long a test waits for something that should happen at once before it fails (never reached when green).</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeEngine _engine = new();
    private readonly FakeLauncher _launcher;
    private readonly ManualClock _clock = new();
    private int _capacityChecks;

    public SupervisorTests() => _launcher = new FakeLauncher(_engine);

    private ServerSupervisor<FakeSession> Supervisor(Func<McpServerDefinition, McpServerDefinition>? configure = null)
    {
        var definition = new McpServerDefinition("fake", new ContainerLaunchSpec { Image = "fake:latest" })
        {
            Restart = new RestartPolicy { MaxRestarts = 3, InitialDelay = TimeSpan.FromMilliseconds(500), CallWaitLimit = Patience },
        };
        return new(configure?.Invoke(definition) ?? definition, _launcher.LaunchAsync, () => _capacityChecks++, audit: null, _clock,
            _engine.ProbeAsync);
    }

    private static Task<string> Call(ServerSupervisor<FakeSession> supervisor, Task? gate = null) =>
        supervisor.UseAsync("calling tool 'x'", (session, _) => session.AnswerAsync(gate), CancellationToken.None, isCall: true);

    [Fact]
    public async Task Always_on_start_launches_one_container_and_calls_go_to_it()
    {
        var supervisor = Supervisor();
        await supervisor.StartAsync(null, CancellationToken.None);

        Assert.Equal(McpServerState.Running, supervisor.State);
        Assert.Equal("fake-1", await Call(supervisor));
        Assert.Equal(1, _launcher.Count);
        Assert.Equal(1, _capacityChecks);
    }

    [Fact]
    public async Task A_crash_restarts_after_the_backoff_which_doubles_while_it_keeps_crashing()
    {
        var supervisor = Supervisor();
        await supervisor.StartAsync(null, CancellationToken.None);
        var first = await _launcher.NextAsync();

        first.Die(1, "segfault");
        Assert.Equal(McpServerState.Restarting, supervisor.State);
        Assert.Equal(TimeSpan.FromMilliseconds(500), await _clock.ElapseNextDelayAsync());
        var second = await _launcher.NextAsync();
        Assert.Equal("fake-2", await Call(supervisor));
        Assert.Equal(McpServerState.Running, supervisor.State);
        Assert.Equal(1, supervisor.RestartCount);
        Assert.Contains("exited with code 1: segfault", supervisor.LastExitReason);

        second.Die(2);
        Assert.Equal(TimeSpan.FromSeconds(1), await _clock.ElapseNextDelayAsync());
        await _launcher.NextAsync();
        Assert.Equal("fake-3", await Call(supervisor));
        Assert.Equal(2, supervisor.RestartCount);
    }

    [Fact]
    public async Task A_crash_loop_ends_Failed_with_the_reason_and_its_stderr()
    {
        var supervisor = Supervisor(d => d with { Restart = d.Restart with { MaxRestarts = 2 } });
        await supervisor.StartAsync(null, CancellationToken.None);
        _launcher.FailNext("cannot open config");
        _launcher.FailNext("cannot open config");

        (await _launcher.NextAsync()).Die(1, "first crash");
        await _clock.ElapseNextDelayAsync();
        await _clock.ElapseNextDelayAsync();

        var error = await Assert.ThrowsAsync<McpServerFailedException>(() => Call(supervisor).WaitAsync(Patience));
        Assert.Equal(McpServerState.Failed, supervisor.State);
        Assert.Contains("kept crashing", supervisor.FailureReason);
        Assert.Contains("cannot open config", supervisor.FailureReason);
        Assert.Contains("cannot open config", error.Message);
        Assert.Contains("has failed, so it is not available for", error.Message); // says what happened, in plain words
        Assert.Contains("kept crashing", error.Message);
        Assert.DoesNotContain("cannot be", error.Message);
        Assert.Equal(0, supervisor.RestartCount);
        Assert.NotNull(supervisor.EndedAt);
    }

    [Fact]
    public async Task A_call_during_a_restart_waits_for_the_new_container()
    {
        var supervisor = Supervisor();
        await supervisor.StartAsync(null, CancellationToken.None);
        (await _launcher.NextAsync()).Die(1);

        var delay = await _clock.NextDelayAsync();
        var call = Call(supervisor);
        Assert.False(call.IsCompleted);
        delay.Release.SetResult();

        Assert.Equal("fake-2", await call.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_call_waiting_for_a_restart_gives_up_at_the_wait_limit()
    {
        var supervisor = Supervisor(d => d with { Restart = d.Restart with { CallWaitLimit = TimeSpan.FromMilliseconds(50) } });
        await supervisor.StartAsync(null, CancellationToken.None);
        (await _launcher.NextAsync()).Die(1);
        await _clock.NextDelayAsync(); // the restart waits for a delay that never passes

        var error = await Assert.ThrowsAsync<McpServerTimeoutException>(() => Call(supervisor).WaitAsync(Patience));
        Assert.Contains("is restarting", error.Message);
        Assert.Equal(McpServerState.Restarting, supervisor.State);
    }

    [Fact]
    public async Task Rotation_after_max_executions_lets_the_old_container_finish_its_call()
    {
        var supervisor = Supervisor(d => d with { MaxExecutions = 2 });
        await supervisor.StartAsync(null, CancellationToken.None);
        var old = await _launcher.NextAsync();

        var hold = new TaskCompletionSource();
        var slow = Call(supervisor, hold.Task);
        Assert.Equal("fake-1", await Call(supervisor));   // the second call on fake-1: a rotation is due
        await _launcher.NextAsync();
        await Fixtures.Eventually.TrueAsync(() => supervisor.Current?.ContainerId == "fake-2", "the new container is current", Patience);

        Assert.False(old.Stopped.IsCompleted, "the old container was stopped with a call still on it");
        hold.SetResult();
        Assert.Equal("fake-1", await slow.WaitAsync(Patience));
        await old.Stopped.WaitAsync(Patience);
        Assert.Equal("fake-2", await Call(supervisor));
        Assert.Equal(1, supervisor.RotationCount);
        Assert.Equal(McpServerState.Running, supervisor.State);
    }

    [Fact]
    public async Task A_rotation_due_while_the_old_container_still_retires_starts_at_once()
    {
        var supervisor = Supervisor(d => d with { MaxExecutions = 1 });
        await supervisor.StartAsync(null, CancellationToken.None);
        var first = await _launcher.NextAsync();

        var hold = new TaskCompletionSource();
        var slow = Call(supervisor, hold.Task);               // fake-1 keeps a call, so it retires slowly
        Assert.Equal("fake-1", await Call(supervisor));      // its call count is reached: rotation 1
        await _launcher.NextAsync();
        await Fixtures.Eventually.TrueAsync(() => supervisor.RotationCount == 1, "the first rotation is done", Patience);

        Assert.Equal("fake-2", await Call(supervisor));      // fake-2's one call: rotation 2, while fake-1 retires
        await _launcher.NextAsync().WaitAsync(Patience);
        await Fixtures.Eventually.TrueAsync(() => supervisor.RotationCount == 2, "the second rotation is done", Patience);
        Assert.False(first.Stopped.IsCompleted, "fake-1 was stopped with a call still on it");

        var stop = supervisor.StopAsync();
        Assert.False(stop.IsCompleted, "the stop did not wait for the retiring container");
        hold.SetResult();
        await stop.WaitAsync(Patience);
        Assert.Equal("fake-1", await slow.WaitAsync(Patience));
        Assert.All(_launcher.Sessions, s => Assert.True(s.Stopped.IsCompleted, $"{s.ContainerId} was left running"));
    }

    [Fact]
    public async Task On_demand_starts_on_the_first_call_and_idles_out_keeping_what_it_learnt()
    {
        var supervisor = Supervisor(d => d with { Strategy = LifecycleStrategy.OnDemand, IdleTimeout = TimeSpan.FromMinutes(1) });
        await supervisor.StartAsync(null, CancellationToken.None);
        Assert.Equal(McpServerState.Idle, supervisor.State);
        Assert.Equal(0, _launcher.Count);

        Assert.Equal("fake-1", await Call(supervisor));
        var first = _launcher.Sessions[0];
        _clock.Time += TimeSpan.FromSeconds(59);
        await supervisor.TickAsync();
        Assert.Equal(McpServerState.Running, supervisor.State);

        _clock.Time += TimeSpan.FromSeconds(1);
        await supervisor.TickAsync();
        Assert.Equal(McpServerState.Idle, supervisor.State);
        Assert.True(first.Stopped.IsCompleted);
        Assert.Null(supervisor.Current);
        Assert.Equal("fake-1", supervisor.Identity?.Name);   // kept while idle, as the façade keeps the tool list

        Assert.Equal("fake-2", await Call(supervisor));
        Assert.Equal(2, _launcher.Count);
    }

    [Fact]
    public async Task Pre_warmed_starts_in_the_background_and_a_call_waits_for_it()
    {
        var supervisor = Supervisor(d => d with { Strategy = LifecycleStrategy.PreWarmed });
        var launch = _launcher.HoldNext();
        await supervisor.StartAsync(null, CancellationToken.None);
        Assert.Equal(McpServerState.Starting, supervisor.State);

        var call = Call(supervisor);
        Assert.False(call.IsCompleted);
        launch.SetResult();
        Assert.Equal("fake-1", await call.WaitAsync(Patience));
        Assert.Equal(1, _launcher.Count);
    }

    [Fact]
    public async Task A_failed_pre_warmed_start_leaves_the_server_Failed_saying_why()
    {
        var supervisor = Supervisor(d => d with { Strategy = LifecycleStrategy.PreWarmed });
        _launcher.FailNext("no such module");
        await supervisor.StartAsync(null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<McpServerFailedException>(() => Call(supervisor).WaitAsync(Patience));
        Assert.Equal(McpServerState.Failed, supervisor.State);
        Assert.Contains("pre-warmed start failed", error.Message);
    }

    [Fact]
    public async Task Stop_during_a_restart_ends_Stopped_and_starts_nothing_more()
    {
        var supervisor = Supervisor();
        await supervisor.StartAsync(null, CancellationToken.None);
        var first = await _launcher.NextAsync();
        first.Die(1);
        await _clock.NextDelayAsync();
        var waiting = Call(supervisor);

        await supervisor.StopAsync().WaitAsync(Patience);

        Assert.Equal(McpServerState.Stopped, supervisor.State);
        Assert.Equal(1, _launcher.Count);
        Assert.True(first.Stopped.IsCompleted);
        var error = await Assert.ThrowsAnyAsync<McpServerException>(() => waiting.WaitAsync(Patience));
        Assert.Contains("has been stopped", error.Message);
        await Assert.ThrowsAnyAsync<McpServerException>(() => Call(supervisor));
    }

    [Fact]
    public async Task Stop_during_a_start_removes_the_container_that_start_makes()
    {
        var supervisor = Supervisor(d => d with { Strategy = LifecycleStrategy.PreWarmed });
        var launch = _launcher.HoldNext();
        await supervisor.StartAsync(null, CancellationToken.None);

        var stop = supervisor.StopAsync();
        launch.SetResult();
        await stop.WaitAsync(Patience);

        Assert.Equal(McpServerState.Stopped, supervisor.State);
        Assert.True(_launcher.Sessions.Single().Stopped.IsCompleted);
        Assert.False(supervisor.HoldsContainer);
    }

    [Fact]
    public async Task Without_restarts_a_crash_leaves_Exited_and_calls_say_how_it_ended()
    {
        var supervisor = Supervisor(d => d with { Restart = RestartPolicy.None });
        await supervisor.StartAsync(null, CancellationToken.None);
        (await _launcher.NextAsync()).Die(3, "bad input");

        var error = await Assert.ThrowsAsync<McpServerExitedException>(() => Call(supervisor));
        Assert.Contains("exited with code 3", error.Message);
        Assert.Equal(McpServerState.Exited, supervisor.State);
        Assert.Equal(1, _launcher.Count);
    }

    [Fact]
    public async Task An_engine_that_stops_answering_is_waited_for_probed_with_backoff_and_no_crash_is_counted()
    {
        var supervisor = Supervisor(d => d with { Restart = d.Restart with { MaxRestarts = 1 } });
        await supervisor.StartAsync(null, CancellationToken.None);
        var first = await _launcher.NextAsync();

        _engine.Down = true;
        first.Die(137); // the engine's shutdown kills its containers
        Assert.Equal(TimeSpan.FromMilliseconds(500), await _clock.ElapseNextDelayAsync());
        await Fixtures.Eventually.TrueAsync(() => supervisor.State == McpServerState.WaitingForEngine, "the server waits for its engine", Patience);

        var error = await Assert.ThrowsAsync<McpServerWaitingForEngineException>(() => Call(supervisor).WaitAsync(Patience));
        Assert.Contains("waiting for its Docker engine", error.Message);
        Assert.Contains("Cannot reach the Docker engine at tcp://127.0.0.1:52376", error.Message);
        Assert.Contains("Cannot reach the Docker engine", supervisor.EngineWaitReason);
        var health = await supervisor.CheckHealthAsync(TimeSpan.FromSeconds(1));
        Assert.Equal((HealthStatus.Unhealthy, McpServerState.WaitingForEngine), (health.Status, health.State));

        // Far more probes than MaxRestarts allows crashes: an engine outage spends none of them.
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 6; i++) delays.Add(await _clock.ElapseNextDelayAsync());
        Assert.Equal([250, 500, 1000, 2000, 4000, 5000], delays.Select(d => d.TotalMilliseconds));
        await Fixtures.Eventually.TrueAsync(() => _engine.Probes == 6, "the sixth probe was made", Patience);
        Assert.Equal(McpServerState.WaitingForEngine, supervisor.State);
        Assert.Equal(2, _launcher.Count); // the first, and the one the engine refused: none while it is down

        _engine.Down = false;
        await _clock.ElapseNextDelayAsync();   // the probe that gets an answer
        await _clock.ElapseNextDelayAsync();   // the restart's own backoff
        await _launcher.NextAsync();

        Assert.Equal("fake-3", await Call(supervisor).WaitAsync(Patience));
        Assert.Equal(McpServerState.Running, supervisor.State);
        Assert.Equal(1, supervisor.RestartCount);
        Assert.Null(supervisor.EngineWaitReason);
        Assert.True(first.Stopped.IsCompleted, "the container the outage ended was not removed once the engine answered");
        Assert.Equal(HealthStatus.Healthy, (await supervisor.CheckHealthAsync(TimeSpan.FromSeconds(1))).Status);
    }

    [Fact]
    public async Task A_call_waiting_for_a_restart_fails_at_once_when_the_engine_turns_out_to_be_gone()
    {
        var supervisor = Supervisor();
        await supervisor.StartAsync(null, CancellationToken.None);
        var first = await _launcher.NextAsync();
        _engine.Down = true;
        first.Die(137);
        var backoff = await _clock.NextDelayAsync();
        var call = Call(supervisor);
        Assert.False(call.IsCompleted);

        backoff.Release.SetResult();

        var error = await Assert.ThrowsAsync<McpServerWaitingForEngineException>(() => call.WaitAsync(Patience));
        Assert.Contains("is not available for calling tool 'x': it is waiting for its Docker engine", error.Message);
    }

    [Fact]
    public async Task With_the_engine_up_a_crash_loop_still_ends_Failed_after_an_outage()
    {
        var supervisor = Supervisor(d => d with { Restart = d.Restart with { MaxRestarts = 1 } });
        await supervisor.StartAsync(null, CancellationToken.None);
        _engine.Down = true;
        (await _launcher.NextAsync()).Die(137);
        await _clock.ElapseNextDelayAsync();
        await Fixtures.Eventually.TrueAsync(() => supervisor.State == McpServerState.WaitingForEngine, "the server waits for its engine", Patience);
        _engine.Down = false;
        _launcher.FailNext("cannot open config");
        _launcher.FailNext("cannot open config");

        await _clock.ElapseNextDelayAsync();   // the probe
        await _clock.ElapseNextDelayAsync();   // restart: its container dies while starting (one crash, the one allowed)
        await _clock.ElapseNextDelayAsync();   // and again: more than MaxRestarts

        await Fixtures.Eventually.TrueAsync(() => supervisor.State == McpServerState.Failed, "the crash loop ends Failed", Patience);
        Assert.Contains("kept crashing", supervisor.FailureReason);
        Assert.Contains("cannot open config", supervisor.FailureReason);
    }

    [Fact]
    public async Task Stop_while_waiting_for_the_engine_ends_Stopped_and_probes_no_more()
    {
        var supervisor = Supervisor();
        await supervisor.StartAsync(null, CancellationToken.None);
        _engine.Down = true;
        var first = await _launcher.NextAsync();
        first.Die(137);
        await _clock.ElapseNextDelayAsync();
        await Fixtures.Eventually.TrueAsync(() => supervisor.State == McpServerState.WaitingForEngine, "the server waits for its engine", Patience);
        await _clock.NextDelayAsync(); // the first probe's delay, never released

        _engine.Down = false;
        await supervisor.StopAsync().WaitAsync(Patience);

        Assert.Equal(McpServerState.Stopped, supervisor.State);
        Assert.Equal(0, _engine.Probes);
        Assert.True(first.Stopped.IsCompleted);
        await Assert.ThrowsAnyAsync<McpServerException>(() => Call(supervisor));
    }

    [Fact]
    public async Task Stop_while_the_engine_is_still_down_ends_Stopped_and_says_the_container_was_not_removed()
    {
        var supervisor = Supervisor();
        await supervisor.StartAsync(null, CancellationToken.None);
        _engine.Down = true;
        var first = await _launcher.NextAsync();
        first.StopError = _engine.Unreachable();
        first.Die(137);
        await _clock.ElapseNextDelayAsync();
        await Fixtures.Eventually.TrueAsync(() => supervisor.State == McpServerState.WaitingForEngine, "the server waits for its engine", Patience);

        var error = await Assert.ThrowsAsync<DockerUnreachableException>(() => supervisor.StopAsync().WaitAsync(Patience));

        Assert.Contains("Cannot reach the Docker engine", error.Message);
        Assert.Equal(McpServerState.Stopped, supervisor.State);
        Assert.False(supervisor.HoldsContainer);
    }

    [Fact]
    public void The_diagram_in_ARCHITECTURE_names_every_state_and_every_event()
    {
        var doc = File.ReadAllText(Path.Combine(Fixtures.RepoPaths.Root, "docs", "ARCHITECTURE.md"));
        var start = doc.IndexOf("stateDiagram-v2", StringComparison.Ordinal);
        Assert.True(start >= 0, "ARCHITECTURE.md has no lifecycle state diagram.");
        var diagram = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var names = Enum.GetNames<McpServerState>()
            .Concat(typeof(LifecycleEvent).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(LifecycleEvent))).Select(t => t.Name));
        Assert.All(names, name => Assert.Matches($@"\b{name}\b", diagram));
    }
}
