using System.Collections;

namespace ContainerMcp.Cmdlets;

/// <summary>Renders a prompt template with arguments into its messages.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "McpPrompt")]
[OutputType(typeof(McpPromptMessage))]
public sealed class InvokeMcpPromptCommand : McpCmdlet
{
    // Never by property name: a piped McpServer's Name would bind as the prompt name.
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(Completers.PromptNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(Position = 1)]
    public Hashtable? Arguments { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string ServerName { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (GetServer(ServerName) is not { } server) return;
        var arguments = JsonConversion.Arguments(Arguments);
        var messages = RunForItem("RenderPromptFailed", Name, (_, ct) => server.GetPromptAsync(Name, arguments, ct)) ?? [];
        Output.WriteObject(messages.Select(m => new McpPromptMessage(server.Name, Name, m)), enumerateCollection: true);
    }
}
