namespace ContainerMcp.Engine.Egress;

/// <summary>
/// The last requests a server made through its egress proxies, across the containers that served it: bounded, in memory
/// only (as stderr is), thread-safe. <see cref="Added"/> lets the audit log take each as it comes.
/// </summary>
public sealed class EgressLog(int capacity = 500)
{
    private readonly Queue<EgressLogEntry> _entries = new();
    private readonly Lock _gate = new();

    /// <summary>Raised for each entry, on the proxy's reading thread.</summary>
    public event Action<EgressLogEntry>? Added;

    public void Add(EgressLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > capacity) _entries.Dequeue();
        }
        Added?.Invoke(entry);
    }

    /// <summary>The last <paramref name="count"/> entries (all kept when null), oldest first.</summary>
    public IReadOnlyList<EgressLogEntry> Tail(int? count = null)
    {
        lock (_gate)
        {
            var all = _entries.ToList();
            var take = Math.Min(count ?? all.Count, all.Count);
            return all.GetRange(all.Count - take, take);
        }
    }
}
