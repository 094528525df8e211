using ContainerMcp.Engine;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Support;

/// <summary>Error records with stable ids (<c>ContainerMcp.&lt;Id&gt;</c>), a category and the object concerned.</summary>
internal static class McpErrors
{
    public static ErrorRecord ServerNotFound(string name)
    {
        var known = McpServerRegistry.Shared.Find().Select(s => s.Name).ToList();
        var message = known.Count == 0
            ? $"No MCP server named '{name}' is running in this session. Start one with Start-McpServer."
            : $"No MCP server named '{name}' is running in this session. Servers: {string.Join(", ", known)}.";
        return new ErrorRecord(new McpServerNotFoundException(name, message), "ContainerMcp.ServerNotFound", ErrorCategory.ObjectNotFound, name);
    }

    public static ErrorRecord Create(string message, string id, ErrorCategory category, object? target) =>
        new(new InvalidOperationException(message), "ContainerMcp." + id, category, target);

    public static ErrorRecord Argument(string message, string id, object? target) =>
        new(new ArgumentException(message), "ContainerMcp." + id, ErrorCategory.InvalidArgument, target);

    /// <summary>A tool's own error (a result with isError): its text, the result as target.</summary>
    public static ErrorRecord ToolError(Engine.Mcp.McpToolCallResult result) =>
        WritablePathHint.Add(Create($"Tool '{result.ToolName}' of MCP server '{result.ServerName}' failed: {result.Text}",
            "ToolError", ErrorCategory.InvalidResult, new McpToolResult(result)), result.ServerName);

    /// <summary>
    /// An engine failure as an error record: the id says what was being done (a refused tool call says why), the
    /// category what went wrong, and the message gains the cmdlet to run next where the engine names a next step.
    /// </summary>
    public static ErrorRecord From(Exception ex, string id, object? target)
    {
        if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate) ex = aggregate.InnerExceptions[0];
        if (ex is McpRecordException record) return record.ToErrorRecord();
        if (ex is McpToolRefusedException refused) id = RefusalIds[refused.Refusal];
        if (ex is InvalidImageReferenceException) id = "InvalidImageReference";
        if (ex is McpToolOutputException mismatch) (id, target) = ("ToolOutputMismatch", new McpToolResult(mismatch.Result));
        var category = ex switch
        {
            EngineException engine => Categories[engine.Kind],
            TimeoutException => ErrorCategory.OperationTimeout,
            ItemNotFoundException => ErrorCategory.ObjectNotFound,
            ArgumentException => ErrorCategory.InvalidArgument,
            OperationCanceledException => ErrorCategory.OperationStopped,
            _ => ErrorCategory.NotSpecified,
        };
        var advice = ex is EngineException { NextStep: not NextStep.None } advised ? Advice(advised) : null;
        var error = new ErrorRecord(advice is null ? ex : new McpCommandException($"{ex.Message} {advice}", ex), "ContainerMcp." + id, category, target);
        // A server that died writing to its read-only root is told how to get a writable path.
        return WritablePathHint.Add(error, (ex as McpServerException)?.ServerName);
    }

    private static readonly Dictionary<EngineErrorKind, ErrorCategory> Categories = new()
    {
        [EngineErrorKind.InvalidOperation] = ErrorCategory.InvalidOperation,
        [EngineErrorKind.NotFound] = ErrorCategory.ObjectNotFound,
        [EngineErrorKind.AlreadyExists] = ErrorCategory.ResourceExists,
        [EngineErrorKind.Busy] = ErrorCategory.ResourceBusy,
        [EngineErrorKind.Unavailable] = ErrorCategory.ResourceUnavailable,
        [EngineErrorKind.Unreachable] = ErrorCategory.ConnectionError,
        [EngineErrorKind.Timeout] = ErrorCategory.OperationTimeout,
        [EngineErrorKind.InvalidArgument] = ErrorCategory.InvalidArgument,
        [EngineErrorKind.InvalidData] = ErrorCategory.InvalidData,
        [EngineErrorKind.Refused] = ErrorCategory.PermissionDenied,
        [EngineErrorKind.Protocol] = ErrorCategory.ProtocolError,
    };

    private static readonly Dictionary<ToolRefusal, string> RefusalIds = new()
    {
        [ToolRefusal.UnknownTool] = "ToolNotFound",
        [ToolRefusal.Filtered] = "ToolFilteredOut",
        [ToolRefusal.InvalidArguments] = "InvalidToolArguments",
    };

    /// <summary>The engine's next step as the cmdlet (or parameter) that takes it.</summary>
    private static string? Advice(EngineException ex) => ex.NextStep switch
    {
        NextStep.StartServer => "Start one with Start-McpServer.",
        NextStep.StopServer => "Stop-McpServer stops one.",
        NextStep.ListTools => $"See Get-McpTool -ServerName {(ex as McpServerException)?.ServerName}.",
        NextStep.SelectTools => "Start-McpServer selects tools with -IncludeTool and -ExcludeTool.",
        NextStep.BuildFromRuntime => "Build-McpServerImage -Runtime node|python builds it here; -BaseImage names a local base.",
        NextStep.NameBaseImage => "Build-McpServerImage takes that base as -BaseImage.",
        NextStep.PullImage => "Request-McpServerImage pulls it.",
        NextStep.BuildOrPullImage => "Build-McpServerImage builds one here (e.g. -Runtime node -Package <npm package>), " +
                                     $"or Request-McpServerImage {(ex as DockerImageNotFoundException)?.Image} pulls it where a registry is reachable.",
        NextStep.BuildFromPackage => $"Start-McpServer -Package '{(ex as InvalidImageReferenceException)?.Reference}' runs it (its image " +
                                     $"is built or reused), and Build-McpServerImage -Runtime node -Package '{(ex as InvalidImageReferenceException)?.Reference}' builds the image alone.",
        NextStep.AllowPlaintextSecret => "Or pass -AllowPlaintextSecret.",
        NextStep.SetVariable => $"In PowerShell: $env:{(ex as Engine.Config.McpConfigException)?.Key} = ...",
        NextStep.AddSecret => $"Set-Secret -Name {(ex as Engine.Config.McpConfigException)?.Key} adds it.",
        NextStep.RaiseMessageLimit => "Start-McpServer -MaxMessageMB sets it for a server started from parameters.",
        _ => null,
    };
}

/// <summary>An engine failure whose message the module completed with the cmdlet to run next; the engine's is inside.</summary>
internal sealed class McpCommandException(string message, Exception inner) : Exception(message, inner);

/// <summary>Thrown from background work to end it with a specific error record.</summary>
internal sealed class McpRecordException(ErrorRecord record) : Exception(record.Exception.Message)
{
    public ErrorRecord ToErrorRecord() => record;
}
