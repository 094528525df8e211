namespace ContainerMcp.Support;

public abstract partial class McpCmdlet
{
    /// <summary>The progress activity of a batch (Start-McpServer and Stop-McpServer use the first).</summary>
    private const int BatchActivity = 1;

    /// <summary>
    /// Runs every item's work, at most <paramref name="throttleLimit"/> at once, and writes each outcome in input order
    /// as soon as it and the items before it are done: <paramref name="write"/> with its result, or a non-terminating
    /// error about the item. One progress activity counts the items done; each item's own status shows in it.
    /// So a piped batch (Import-McpServerConfig | Start-McpServer) takes about as long as its slowest waves, not the sum.
    /// </summary>
    protected void RunConcurrently<TItem, TResult>(
        IReadOnlyList<TItem> items, int throttleLimit, string verb, string errorId, Func<TItem, string> nameOf,
        Func<TItem, IProgress<string>, CancellationToken, Task<TResult>> work, Action<PipelineWriter, TItem, TResult> write)
    {
        if (items.Count == 0) return;
        var activity = items.Count == 1 ? $"{verb} MCP server '{nameOf(items[0])}'" : $"{verb} {items.Count} MCP servers";
        Run(async (writer, ct) =>
        {
            using var gate = new SemaphoreSlim(throttleLimit);
            int done = 0;
            var percent = () => Volatile.Read(ref done) * 100 / items.Count;
            async Task<TResult> RunOne(TItem item)
            {
                var name = nameOf(item);
                var status = new Relay<string>(s => writer.WriteProgress(BatchActivity, activity, items.Count == 1 ? s : $"{name}: {s}", percent()));
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try { return await work(item, status, ct).ConfigureAwait(false); }
                finally
                {
                    gate.Release();
                    Interlocked.Increment(ref done);
                }
            }
            var running = items.Select(RunOne).ToList();
            for (int i = 0; i < items.Count; i++)
            {
                try { write(writer, items[i], await running[i].ConfigureAwait(false)); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
                catch (Exception ex) { writer.WriteError(McpErrors.From(ex, errorId, nameOf(items[i]))); }
                writer.WriteProgress(BatchActivity, activity, $"{i + 1} of {items.Count} done", (i + 1) * 100 / items.Count);
            }
            writer.WriteProgress(BatchActivity, activity, "Done", 100, completed: true);
        });
    }
}
