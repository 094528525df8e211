using System.Collections.Concurrent;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Support;

/// <summary>
/// Server notifications as PowerShell engine events, raised from the SDK's thread through the event manager of a
/// runspace (thread-safe: PowerShell queues the event for that runspace). List changes raise
/// <c>ContainerMcp.ToolListChanged</c> (Prompt…, Resource…) with the server name as MessageData, in the runspace that
/// last ran a command of ours (Wait-Event takes them with or without Register-EngineEvent; Remove-Event clears them).
/// Resource updates raise the source identifier each Register-McpResourceEvent chose.
/// </summary>
internal sealed class ClientEvents
{
    private readonly ConcurrentDictionary<string, ResourceEvent> _resources = new(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>Watches a resource; the event is raised in <paramref name="events"/> until <see cref="Remove"/>.</summary>
    /// <returns>False when the identifier is taken.</returns>
    public bool Add(string sourceIdentifier, string serverName, string uri, PSEventManager events, PSObject? messageData) =>
        _resources.TryAdd(sourceIdentifier, new ResourceEvent(serverName, uri, events, messageData));

    /// <summary>Stops raising the event; true when no other registration still watches the same resource.</summary>
    public bool Remove(string sourceIdentifier)
    {
        if (!_resources.TryRemove(sourceIdentifier, out var removed)) return false;
        return !_resources.Values.Any(r => r.Watches(removed.ServerName, removed.Uri));
    }

    public bool Watches(string serverName, string uri) => _resources.Values.Any(r => r.Watches(serverName, uri));

    public void ResourceUpdated(string serverName, string uri)
    {
        foreach (var (identifier, watch) in _resources.Where(r => r.Value.Watches(serverName, uri)))
        {
            var data = watch.MessageData ?? new PSObject();
            if (watch.MessageData is null)
            {
                data.Properties.Add(new PSNoteProperty("ServerName", serverName));
                data.Properties.Add(new PSNoteProperty("Uri", uri));
            }
            watch.Events.GenerateEvent(identifier, null, [serverName, uri], data);
        }
    }

    private sealed record ResourceEvent(string ServerName, string Uri, PSEventManager Events, PSObject? MessageData)
    {
        public bool Watches(string serverName, string uri) =>
            string.Equals(ServerName, serverName, StringComparison.OrdinalIgnoreCase) && Uri == uri;
    }
}
