using ContainerMcp.Engine.Observability;
using static ContainerMcp.Engine.Servers.LifecycleEvent;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// Waiting for the engine: a restart that found the Docker engine unreachable is no crash. The engine is probed with
/// backoff until it answers; then the server restarts, and the container the outage ended is removed.
/// </summary>
internal sealed partial class ServerSupervisor<TSession> where TSession : class, IContainerSession
{
    internal static readonly TimeSpan EngineProbeFirstDelay = TimeSpan.FromMilliseconds(250);
    internal static readonly TimeSpan EngineProbeMaxDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EngineProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Probes until the engine answers (the server's lifetime bounds it), then restarts through the usual loop.</summary>
    private async Task<TSession> WaitForEngineAsync()
    {
        await Task.Yield(); // leave the caller's lock before any work
        McpTelemetry.DetachFromCallerTrace();
        var delay = EngineProbeFirstDelay;
        while (true)
        {
            await _clock.Delay(delay, _life.Token);
            if (await EngineAnswersAsync()) break;
            delay = TimeSpan.FromTicks(Math.Min(EngineProbeMaxDelay.Ticks, delay.Ticks * 2));
        }
        var step = Apply(new EngineAnswered());
        if (step.Error is { } error) throw error;
        if (step.Session is { } dead)
        {
            try { await dead.StopAsync(CancellationToken.None); }
            catch (Exception) { /* The engine went again: a Stop, or Remove-McpServer -Orphaned, tries again. */ }
        }
        return await step.Launch!;
    }

    private async Task<bool> EngineAnswersAsync()
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_life.Token);
        limit.CancelAfter(EngineProbeTimeout);
        try
        {
            await _probeEngine(limit.Token);
            return true;
        }
        catch (Exception) when (!_life.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A start nobody may await: its failure is the state's business (and every waiter's), not the finalizer's.</summary>
    private static Task<TSession> Observed(Task<TSession> work)
    {
        work.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return work;
    }
}
