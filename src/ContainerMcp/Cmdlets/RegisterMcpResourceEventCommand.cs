namespace ContainerMcp.Cmdlets;

/// <summary>
/// Subscribes to a server's resource (resources/subscribe) and raises a PowerShell event each time the server says it
/// changed (notifications/resources/updated): Wait-Event / Get-Event take it by its source identifier, -Action runs on
/// it, and $Event.SourceEventArgs names the server and the resource. Unregister-Event ends the subscription on the server too. Like Register-EngineEvent it writes the event job
/// only when -Action is given.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "McpResourceEvent")]
[OutputType(typeof(PSEventJob))]
public sealed class RegisterMcpResourceEventCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string ServerName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Uri { get; set; } = "";

    /// <summary>The event's name; ContainerMcp.ResourceUpdated.&lt;server&gt;.&lt;uri&gt; when not given.</summary>
    [Parameter(Position = 2)] public string? SourceIdentifier { get; set; }

    [Parameter] public ScriptBlock? Action { get; set; }

    [Parameter] public PSObject? MessageData { get; set; }

    protected override void ProcessRecord()
    {
        if (GetServer(ServerName) is not { } server) return;
        var identifier = SourceIdentifier ?? $"ContainerMcp.ResourceUpdated.{server.Name}.{Uri}";
        var events = PowerShellClientHost.Instance.Events;
        var watch = new McpResourceWatch(server.Name, Uri);
        if (!events.Add(identifier, watch))
        {
            Output.WriteError(McpErrors.Argument($"The source identifier '{identifier}' is already in use. Choose another with -SourceIdentifier, " +
                "or Unregister-Event it first.", "SourceIdentifierInUse", identifier));
            return;
        }
        var subscribed = RunForItem("ResourceSubscribeFailed", Uri, async (_, ct) => { await server.SubscribeResourceAsync(Uri, ct); return true; });
        if (!subscribed)
        {
            events.Remove(identifier);
            return;
        }
        var subscriber = Events.SubscribeEvent(watch, nameof(McpResourceWatch.Updated), identifier, MessageData, Action, supportEvent: false, forwardEvent: false);
        // Unregister-Event ends it on the server as well, once no other registration watches the same resource.
        subscriber.Unsubscribed += (_, _) =>
        {
            if (events.Remove(identifier)) _ = server.UnsubscribeResourceAsync(Uri).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        };
        if (Action is not null) Output.WriteObject(subscriber.Action);
    }
}
