namespace ContainerMcp.Support;

/// <summary>
/// The writes async work queues for the pipeline thread (see <see cref="PipelineWriter"/>). The pipeline thread
/// sleeps in <see cref="Take"/> without spinning: on two cores a spinning waiter takes the CPU the server's answer needs.
/// </summary>
internal sealed class WriteQueue
{
    private readonly Queue<Action> _writes = new();
    private bool _completed;

    /// <summary>Queues a write; after <see cref="Complete"/> it is dropped (there is no pipeline left to take it), and false.</summary>
    public bool Add(Action write)
    {
        lock (_writes)
        {
            if (_completed) return false;
            _writes.Enqueue(write);
            Monitor.Pulse(_writes);
            return true;
        }
    }

    /// <summary>The work is over: <see cref="Take"/> returns what is queued, then null.</summary>
    public void Complete()
    {
        lock (_writes)
        {
            _completed = true;
            Monitor.Pulse(_writes);
        }
    }

    /// <summary>The next write, waiting for one; null once completed and empty.</summary>
    public Action? Take()
    {
        lock (_writes)
        {
            while (_writes.Count == 0 && !_completed) Monitor.Wait(_writes);
            return _writes.TryDequeue(out var write) ? write : null;
        }
    }
}
