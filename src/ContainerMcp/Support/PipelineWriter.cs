namespace ContainerMcp.Support;

/// <summary>
/// Everything a cmdlet writes goes through here. On the pipeline thread it writes at once; from any other thread
/// (the async work of <see cref="McpCmdlet"/>'s Run) it queues the write for the pipeline thread, which pumps the
/// queue until the work ends. So there is no wrong thread to write from.
/// </summary>
public sealed class PipelineWriter
{
    private readonly Cmdlet _cmdlet;
    private readonly ProgressThrottle _progress = new();
    private WriteQueue? _pump;
    private CancellationTokenSource? _pumpEnded;
    private int _pipelineThread;

    /// <summary>Made on the pipeline thread, by the cmdlet it writes for.</summary>
    internal PipelineWriter(Cmdlet cmdlet) => (_cmdlet, _pipelineThread) = (cmdlet, Environment.CurrentManagedThreadId);

    public void WriteObject(object? item, bool enumerateCollection = false) => Write(c => c.WriteObject(item, enumerateCollection));
    public void WriteError(ErrorRecord error) => Write(c => c.WriteError(error));
    public void WriteWarning(string text) => Write(c => c.WriteWarning(text));
    public void WriteVerbose(string text) => Write(c => c.WriteVerbose(text));
    public void WriteDebug(string text) => Write(c => c.WriteDebug(text));

    /// <summary>Runs <paramref name="function"/> on the pipeline thread (at once when called there) and gives its answer:
    /// what must run there (a prompt, a script block) asked for from any thread. Cancelled when the work ends before it
    /// could run, so an asker never waits on a pipeline that is gone.</summary>
    public Task<T> InvokeAsync<T>(Func<Cmdlet, T> function)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run(Cmdlet cmdlet)
        {
            try { answer.TrySetResult(function(cmdlet)); }
            catch (Exception ex) { answer.TrySetException(ex); }
        }
        if (Environment.CurrentManagedThreadId == _pipelineThread)
        {
            Run(_cmdlet);
            return answer.Task;
        }
        try { (_pumpEnded ?? throw new ObjectDisposedException(nameof(PipelineWriter))).Token.Register(() => answer.TrySetCanceled()); }
        catch (ObjectDisposedException) { answer.TrySetCanceled(); }
        if (_pump?.Add(() => Run(_cmdlet)) != true) answer.TrySetCanceled();
        return answer.Task;
    }

    /// <summary>Progress, throttled (<see cref="ProgressThrottle"/>): the first and the completed update of an activity
    /// always show, the ones between at most four a second.</summary>
    public void WriteProgress(int activityId, string activity, string status, int percent = -1, bool completed = false)
    {
        if (!_progress.ShouldShow(activityId, completed)) return;
        var record = new ProgressRecord(activityId, activity, string.IsNullOrEmpty(status) ? activity : status) { PercentComplete = percent };
        if (completed) record.RecordType = ProgressRecordType.Completed;
        Write(c => c.WriteProgress(record));
    }

    /// <summary>Runs <paramref name="work"/> and does what it writes on this thread until it ends; then returns its
    /// result, or rethrows its exception. <paramref name="stopping"/> is cancelled when the pipeline gives up early (a
    /// write failed under -ErrorAction Stop, or the pipeline stopped).</summary>
    /// <remarks>The work starts right here, not on the thread pool: its synchronous part (a tool call's lookup,
    /// checks and request write) costs no thread hop, so a call in a loop pays one wake-up, for its answer.</remarks>
    internal T Pump<T>(Func<PipelineWriter, CancellationToken, Task<T>> work, CancellationTokenSource stopping)
    {
        var pump = new WriteQueue();
        using var ended = new CancellationTokenSource();
        (_pump, _pumpEnded, _pipelineThread) = (pump, ended, Environment.CurrentManagedThreadId);
        var task = StartHere(work, pump, stopping.Token);
        try
        {
            while (pump.Take() is { } write) write();
        }
        catch
        {
            stopping.Cancel();
            throw;
        }
        finally
        {
            (_pump, _pumpEnded) = (null, null);
            ended.Cancel();   // what was asked of this pipeline and not yet run never will be
        }
        // The queue is completed only once the task has finished, so this never blocks.
        try { return task.GetAwaiter().GetResult(); }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { throw new PipelineStoppedException(); }
    }

    /// <summary>Starts the work on this thread with no synchronization context, so nothing it awaits comes back here.</summary>
    private Task<T> StartHere<T>(Func<PipelineWriter, CancellationToken, Task<T>> work, WriteQueue pump, CancellationToken ct)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try { return Completing(); }
        finally { SynchronizationContext.SetSynchronizationContext(context); }

        async Task<T> Completing()
        {
            try { return await work(this, ct).ConfigureAwait(false); }
            finally { pump.Complete(); }
        }
    }

    private void Write(Action<Cmdlet> write)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThread)
        {
            write(_cmdlet);
            return;
        }
        _pump?.Add(() => write(_cmdlet)); // none, or completed: a write after its work ended, with no pipeline left to take it
    }
}
