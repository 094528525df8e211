using System.Collections.Concurrent;
using System.Management.Automation;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Support;

/// <summary>
/// Base of every cmdlet: runs the engine's async work on a background task while every <c>Write*</c> happens
/// on the pipeline thread (a queue of actions pumped here), and cancels the work when the user presses Ctrl+C.
/// </summary>
public abstract class McpCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();
    private BlockingCollection<Action>? _pump;

    protected static McpServerRegistry Registry => McpServerRegistry.Shared;

    protected override void BeginProcessing()
    {
        if (Registry.TakeSetupWarning() is { } warning) WriteWarning(warning);
    }

    /// <summary>Runs <paramref name="work"/> to completion, pumping what it <see cref="Post"/>s onto this thread.
    /// Its exception, if any, is rethrown here; a cancellation caused by Ctrl+C ends quietly.</summary>
    protected void Run(Func<CancellationToken, Task> work)
    {
        using var pump = new BlockingCollection<Action>();
        _pump = pump;
        var task = Task.Run(async () =>
        {
            try { await work(_stopping.Token).ConfigureAwait(false); }
            finally { pump.CompleteAdding(); }
        });
        try
        {
            foreach (var action in pump.GetConsumingEnumerable()) action();
        }
        catch
        {
            _stopping.Cancel(); // -ErrorAction Stop or a pipeline stop ends the background work too.
            throw;
        }
        finally
        {
            _pump = null;
        }
        // The queue is completed only once the task has finished, so this never blocks.
        try { task.GetAwaiter().GetResult(); }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { throw new PipelineStoppedException(); }
    }

    /// <summary>Queues an action (WriteObject, WriteError, WriteProgress…) to run on the pipeline thread. Thread-safe.</summary>
    protected void Post(Action action)
    {
        try { _pump?.Add(action); }
        catch (ObjectDisposedException) { /* The pump already ended (pipeline stopped). */ }
        catch (InvalidOperationException) { /* Completed: the work is over. */ }
    }

    /// <summary>Runs one item's work; its failure becomes a non-terminating error about <paramref name="target"/>.</summary>
    protected void RunForItem(string errorId, object? target, Func<CancellationToken, Task> work)
    {
        try { Run(work); }
        catch (Exception ex) when (ex is not (PipelineStoppedException or ActionPreferenceStopException))
        {
            WriteError(McpErrors.From(ex, errorId, target));
        }
    }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Servers by name or wildcard (all when none given); a plain name that matches nothing is a non-terminating error.</summary>
    protected IEnumerable<ManagedServer> FindServers(string[]? names)
    {
        if (names is not { Length: > 0 }) return Registry.Find();
        var found = new List<ManagedServer>();
        foreach (var name in names)
        {
            var matches = Registry.Find(name);
            if (matches.Count == 0 && !NamePattern.HasWildcards(name))
                WriteError(McpErrors.ServerNotFound(name));
            found.AddRange(matches.Where(m => !found.Contains(m)));
        }
        return found;
    }

    /// <summary>The one server of this exact name, or a non-terminating ObjectNotFound error and null.</summary>
    protected ManagedServer? GetServer(string name)
    {
        if (Registry.TryGet(name, out var server)) return server;
        WriteError(McpErrors.ServerNotFound(name));
        return null;
    }

    /// <summary>Stops this very server: a stale object never stops a newer server that took its name.</summary>
    protected static Task StopServerAsync(ManagedServer server, CancellationToken ct) =>
        Registry.TryGet(server.Name, out var current) && ReferenceEquals(current, server)
            ? Registry.StopAsync(server.Name, ct)
            : server.StopAsync(ct);

    /// <summary>Containers of ours that no live session owns (this session's servers never are); failing to list them ends the command.</summary>
    protected IReadOnlyList<McpOrphanedContainer> FindOrphans(bool includeOtherHosts)
    {
        IReadOnlyList<OrphanedContainer> found = [];
        try { Run(async ct => found = await Orphans().FindAsync(includeOtherHosts, ct)); }
        catch (Exception ex) when (ex is not (PipelineStoppedException or ActionPreferenceStopException))
        {
            ThrowTerminatingError(McpErrors.From(ex, "OrphanSearchFailed", null));
        }
        return found.Select(o => new McpOrphanedContainer(o)).ToList();
    }

    /// <summary>The orphans of the shared registry's daemon; that registry is the one live session of this module.</summary>
    protected static OrphanedContainers Orphans() => new(Registry.Docker, Registry);

    protected void WriteProgressMessage(int activityId, string activity, string status, int percent = -1, bool completed = false)
    {
        var record = new ProgressRecord(activityId, activity, string.IsNullOrEmpty(status) ? activity : status) { PercentComplete = percent };
        if (completed) record.RecordType = ProgressRecordType.Completed;
        WriteProgress(record);
    }
}
