using ContainerMcp.Engine.Mcp;

namespace ContainerMcp;

/// <summary>
/// A tool call running as a PowerShell job (Invoke-McpTool -AsJob). Its Progress stream carries the server's progress
/// notifications, Receive-Job gives the McpToolResult, a tool's error or a failed call is a job error (state Failed),
/// and Stop-Job cancels the call: the server is sent notifications/cancelled.
/// </summary>
public sealed class McpToolJob : Job
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();

    private McpToolJob(string command, string serverName, string toolName) : base(command) =>
        (PSJobTypeName, Location, ServerName, ToolName) = ("McpToolJob", serverName, serverName, toolName);

    public string ServerName { get; }
    public string ToolName { get; }
    public override string Location { get; }
    public override string StatusMessage => JobStateInfo.State == JobState.Running ? $"calling tool '{ToolName}'" : "";
    public override bool HasMoreData => Output.Count > 0 || Error.Count > 0 || Progress.Count > 0 || Warning.Count > 0;

    /// <summary>Starts the call on a thread of its own; the job runs until the call ends or Stop-Job cancels it.</summary>
    internal static McpToolJob Start(ManagedServer server, string toolName, Dictionary<string, object?> arguments, TimeSpan? timeout)
    {
        var job = new McpToolJob($"Invoke-McpTool -ServerName '{server.Name}' -Name '{toolName}'", server.Name, toolName);
        job.SetJobState(JobState.Running);
        _ = Task.Run(() => job.RunAsync(server, arguments, timeout));
        return job;
    }

    private async Task RunAsync(ManagedServer server, Dictionary<string, object?> arguments, TimeSpan? timeout)
    {
        var activity = $"Calling tool '{ToolName}' on MCP server '{ServerName}'";
        var progress = new Relay<McpProgress>(p => Progress.Add(new ProgressRecord(2, activity, p.Text) { PercentComplete = p.Percent }));
        try
        {
            var result = await server.CallToolAsync(ToolName, arguments, progress, timeout, _stop.Token).ConfigureAwait(false);
            if (result.IsError) Error.Add(McpErrors.ToolError(result));
            else Output.Add(PSObject.AsPSObject(new McpToolResult(result)));
            SetJobState(result.IsError ? JobState.Failed : JobState.Completed);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            SetJobState(JobState.Stopped);
        }
        catch (Exception ex)
        {
            Error.Add(McpErrors.From(ex, "ToolCallFailed", ToolName));
            SetJobState(JobState.Failed);
        }
    }

    /// <summary>Cancels the call (the engine tells the server) and waits, bounded, for the job to end.</summary>
    public override void StopJob()
    {
        if (JobStateInfo.State is JobState.Completed or JobState.Failed or JobState.Stopped) return;
        _stop.Cancel();
        Finished.WaitOne(StopWait);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _stop.Dispose();
        base.Dispose(disposing);
    }
}
