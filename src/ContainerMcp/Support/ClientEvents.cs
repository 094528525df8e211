using System.Collections.Concurrent;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Support;

/// <summary>
/// Server notifications as PowerShell engine events, raised from the SDK's thread through the event manager of a
/// runspace (thread-safe: PowerShell queues the event for that runspace). List changes raise
/// <c>ContainerMcp.ToolListChanged</c> (Prompt…, Resource…) with the server name as MessageData, in the runspace that
/// last ran a command of ours (Wait-Event takes them with or without Register-EngineEvent; Remove-Event clears them).
/// Resource updates raise the <see cref="McpResourceWatch.Updated"/> event of each watch on that resource, which
/// Register-McpResourceEvent subscribed to as an object event (so Unregister-Event tells it, and it unsubscribes).
/// </summary>
internal sealed class ClientEvents
{
    private readonly ConcurrentDictionary<string, McpResourceWatch> _resources = new(StringComparer.OrdinalIgnoreCase);
    private volatile PSEventManager? _events;

    /// <summary>The identifier of a list's change event.</summary>
    public static string ListChangedIdentifier(McpListKind kind) => kind switch
    {
        McpListKind.Tools => "ContainerMcp.ToolListChanged",
        McpListKind.Prompts => "ContainerMcp.PromptListChanged",
        _ => "ContainerMcp.ResourceListChanged",
    };

    /// <summary>Remembers the event manager of the runspace a command of ours runs in.</summary>
    public void Use(PSEventManager? events)
    {
        if (events is not null) _events = events;
    }

    public void ListChanged(string serverName, McpListKind kind)
    {
        var identifier = ListChangedIdentifier(kind);
        _events?.GenerateEvent(identifier, null, [serverName], new PSObject(serverName));
    }

    /// <summary>Watches a resource under an event identifier; false when the identifier is taken.</summary>
    public bool Add(string sourceIdentifier, McpResourceWatch watch) => _resources.TryAdd(sourceIdentifier, watch);

    /// <summary>Stops watching; true when no other registration still watches the same resource.</summary>
    public bool Remove(string sourceIdentifier)
    {
        if (!_resources.TryRemove(sourceIdentifier, out var removed)) return false;
        return !_resources.Values.Any(w => Same(w, removed.ServerName, removed.Uri));
    }

    public void ResourceUpdated(string serverName, string uri)
    {
        foreach (var watch in _resources.Values.Where(w => Same(w, serverName, uri))) watch.Raise();
    }

    private static bool Same(McpResourceWatch watch, string serverName, string uri) =>
        string.Equals(watch.ServerName, serverName, StringComparison.OrdinalIgnoreCase) && watch.Uri == uri;
}
