namespace ContainerMcp;

/// <summary>
/// A resource Register-McpResourceEvent watches: the source object of its PowerShell event, so $Event.Sender is this
/// and $Event.SourceEventArgs says which server and resource changed.
/// </summary>
public sealed class McpResourceWatch(string serverName, string uri)
{
    public string ServerName { get; } = serverName;
    public string Uri { get; } = uri;

    /// <summary>Raised (on the SDK's thread; PowerShell queues it for the runspace) each time the server says the resource changed.</summary>
    public event EventHandler<McpResourceUpdatedEventArgs>? Updated;

    internal void Raise() => Updated?.Invoke(this, new McpResourceUpdatedEventArgs(ServerName, Uri));

    public override string ToString() => $"{ServerName}: {Uri}";
}

/// <summary>Which server said which resource changed, and when we heard it.</summary>
public sealed class McpResourceUpdatedEventArgs(string serverName, string uri) : EventArgs
{
    public string ServerName { get; } = serverName;
    public string Uri { get; } = uri;
    public DateTimeOffset Time { get; } = DateTimeOffset.Now;
}
