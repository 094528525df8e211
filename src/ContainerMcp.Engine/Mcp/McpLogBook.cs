namespace ContainerMcp.Engine.Mcp;

/// <summary>The last log messages of a server (<c>notifications/message</c>, and our notes of what it asked), oldest first. Thread-safe.</summary>
public sealed class McpLogBook(int capacity = 200)
{
    private readonly Queue<McpLogMessage> _messages = new();
    private readonly Lock _gate = new();

    public void Add(McpLogMessage message)
    {
        lock (_gate)
        {
            _messages.Enqueue(message);
            while (_messages.Count > capacity) _messages.Dequeue();
        }
    }

    public IReadOnlyList<McpLogMessage> Tail(int? count = null)
    {
        lock (_gate)
        {
            var all = _messages.ToList();
            return count is { } n && n < all.Count ? all[^n..] : all;
        }
    }
}
