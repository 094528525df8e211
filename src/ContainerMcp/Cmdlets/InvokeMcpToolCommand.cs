using System.Collections;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Cmdlets;

/// <summary>Calls a tool. The engine looks it up, checks its filter and schema, and audits the call, refused or not.
/// A tool's own error is a non-terminating error whose target is the result. The tool's annotations decide whether
/// the call asks first (<see cref="ToolConfirmation"/>); -AsJob runs it as a job.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "McpTool", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(McpToolResult), typeof(McpToolJob))]
public sealed class InvokeMcpToolCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName")]
    [ArgumentCompleter(typeof(Completers.ToolNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(Position = 1)] public Hashtable? Arguments { get; set; }

    [Parameter(ParameterSetName = "ByName", ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string? ServerName { get; set; }

    [Parameter(ParameterSetName = "ByName", ValueFromPipeline = true)] public McpServer? Server { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "ByTool", ValueFromPipeline = true), Alias("Tool")]
    public McpTool? InputObject { get; set; }

    [Parameter, ValidateRange(1, 86400)] public int? TimeoutSeconds { get; set; }

    [Parameter] public SwitchParameter AsJob { get; set; }

    /// <summary>Answers the server's elicitation requests during this call: field values (accept), or @{ action = 'decline' }.</summary>
    [Parameter] public Hashtable? ElicitationResponse { get; set; }

    protected override void ProcessRecord()
    {
        var (serverName, tool) = InputObject is { } t ? (t.ServerName, t.Name) : (Server?.Name ?? ServerName, Name);
        serverName ??= Registry.Find() is [var only] ? only.Name : null;   // one server: no need to name it
        if (serverName is null)
            Output.WriteError(McpErrors.Argument($"Say which server runs tool '{tool}': use -ServerName, or pipe a server or tool in.", "ServerNotGiven", tool));
        if (serverName is null || GetServer(serverName) is not { } server) return;

        var arguments = JsonConversion.Arguments(Arguments);
        // The hints come from the list kept; a server not listed yet (on-demand, idle) is listed first, so a destructive tool still asks.
        if (server.ToolCount is null && RunForItem("ToolCallFailed", tool, (_, ct) => server.ListToolsAsync(ct: ct)) is null) return;
        if (!ToolConfirmation.ShouldCall(this, server.Name, tool, server.KnownTool(tool)?.Hints, arguments.Keys)) return;
        var timeout = TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        if (AsJob)
        {
            var job = McpToolJob.Start(server, tool, arguments, timeout);
            JobRepository.Add(job);
            Output.WriteObject(job);
            return;
        }
        var activity = $"Calling tool '{tool}' on MCP server '{server.Name}'";
        var reported = false; // most calls report no progress: then there is no bar to close, and no record to write
        ServeClientRequests(server, ElicitationResponse);
        var result = RunForItem("ToolCallFailed", tool, (output, ct) => server.CallToolAsync(tool, arguments,
            new Relay<McpProgress>(p => { reported = true; output.WriteProgress(2, activity, p.Text, p.Percent); }), timeout, ct));
        if (result is not null)
        {
            if (reported) Output.WriteProgress(2, activity, "Done", 100, completed: true);
            if (result.IsError) Output.WriteError(McpErrors.ToolError(result));
            else Output.WriteObject(new McpToolResult(result));
        }
        if (Registry.Audit?.TakeWarning() is { } warning) Output.WriteWarning(warning);
    }
}
