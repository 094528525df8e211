using System.Collections;
using System.Management.Automation;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

/// <summary>Calls a tool. A tool's own error is a non-terminating error whose target is the result.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "McpTool", DefaultParameterSetName = "ByName")]
[OutputType(typeof(McpToolResult))]
public sealed class InvokeMcpToolCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName")]
    [ArgumentCompleter(typeof(Completers.ToolNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(Position = 1)]
    public Hashtable? Arguments { get; set; }

    [Parameter(ParameterSetName = "ByName", ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string? ServerName { get; set; }

    [Parameter(ParameterSetName = "ByName", ValueFromPipeline = true)]
    public McpServer? Server { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "ByTool", ValueFromPipeline = true)]
    [Alias("Tool")]
    public McpTool? InputObject { get; set; }

    [Parameter, ValidateRange(1, 86400)]
    public int? TimeoutSeconds { get; set; }

    protected override void ProcessRecord()
    {
        var (serverName, toolName) = InputObject is { } tool ? (tool.ServerName, tool.Name) : (Server?.Name ?? ServerName, Name);
        serverName ??= Registry.Find() is [var only] ? only.Name : null;
        if (serverName is null)
        {
            WriteError(McpErrors.Argument($"Say which server runs tool '{toolName}': use -ServerName, or pipe a server or tool in.", "ServerNotGiven", toolName));
            return;
        }
        if (GetServer(serverName) is not { } server) return;
        var arguments = (Arguments ?? []).Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => JsonConversion.Unwrap(e.Value));
        var activity = $"Calling tool '{toolName}' on MCP server '{serverName}'";
        var progress = new Relay<Engine.Mcp.McpProgress>(p => Post(() => WriteProgressMessage(2, activity, p.Message ?? $"{p.Progress} of {p.Total}",
            p.Total is > 0 ? (int)Math.Clamp(p.Progress / p.Total.Value * 100, 0, 100) : -1)));

        RunForItem("ToolCallFailed", toolName, async ct =>
        {
            // A filtered tool is refused by the engine, so the refusal is audited like any call.
            if (!server.Tools.Allows(toolName)) await Refused(server.CallToolAsync(toolName, arguments, ct: ct), server, toolName);
            var tool = (await server.ListToolsAsync(ct: ct)).FirstOrDefault(t => t.Name == toolName)
                ?? throw new McpRecordException(McpErrors.ToolNotFound(server, toolName));
            if (ArgumentValidator.Validate(new McpTool(tool), arguments) is { Count: > 0 } problems)
                throw new McpRecordException(McpErrors.Argument(string.Join(" ", problems), "InvalidToolArguments", arguments));
            var timeout = TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            var result = new McpToolResult(await server.CallToolAsync(toolName, arguments, progress, timeout, ct));
            Post(() => WriteProgressMessage(2, activity, "Done", 100, completed: true));
            if (!result.IsError) Post(() => WriteObject(result));
            else
                Post(() => WriteError(WritablePathHint.Add(McpErrors.Create($"Tool '{toolName}' on MCP server '{serverName}' reported an error: {result.Text}",
                    "ToolError", ErrorCategory.InvalidResult, result), serverName)));
        });
        if (Registry.Audit?.TakeWarning() is { } warning) WriteWarning(warning);
    }

    private static async Task Refused(Task call, ManagedServer server, string toolName)
    {
        try { await call; }
        catch (Engine.Servers.McpToolFilteredException) { throw new McpRecordException(McpErrors.ToolNotFound(server, toolName)); }
    }
}
