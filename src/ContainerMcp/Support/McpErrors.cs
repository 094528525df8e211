using System.Management.Automation;
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

    public static ErrorRecord ToolNotFound(ManagedServer server, string toolName) =>
        server.Tools.Allows(toolName)
            ? Create($"MCP server '{server.Name}' has no tool named '{toolName}'. See Get-McpTool -ServerName {server.Name}.",
                "ToolNotFound", ErrorCategory.ObjectNotFound, toolName)
            : From(server.Tools.Refusal(server.Name, toolName), "ToolFilteredOut", toolName);

    /// <summary>An engine failure as an error record: the id says what was being done, the category what went wrong.</summary>
    public static ErrorRecord From(Exception ex, string id, object? target)
    {
        if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate) ex = aggregate.InnerExceptions[0];
        if (ex is McpRecordException record) return record.ToErrorRecord();
        var category = ex switch
        {
            McpServerNotFoundException => ErrorCategory.ObjectNotFound,
            McpServerNameConflictException => ErrorCategory.ResourceExists,
            McpServerTimeoutException or TimeoutException => ErrorCategory.OperationTimeout,
            McpServerExitedException => ErrorCategory.ResourceUnavailable,
            McpToolFilteredException => ErrorCategory.PermissionDenied,
            Engine.Config.McpConfigException => ErrorCategory.InvalidData,
            ItemNotFoundException => ErrorCategory.ObjectNotFound,
            McpServerProtocolException { ErrorCode: -32602 } => ErrorCategory.InvalidArgument,
            McpServerProtocolException { ErrorCode: -32601 } => ErrorCategory.ObjectNotFound,
            McpServerProtocolException => ErrorCategory.ProtocolError,
            DockerPullException { RegistryUnreachable: true } => ErrorCategory.ConnectionError,
            DockerImageNotFoundException => ErrorCategory.ObjectNotFound,
            DockerConflictException => ErrorCategory.ResourceBusy,
            DockerImageBuildException or Engine.Images.McpImageException => ErrorCategory.InvalidOperation,
            Engine.Containers.StateVolumeException => ErrorCategory.ResourceBusy,
            DockerEngineException => ErrorCategory.ResourceUnavailable,
            ArgumentException => ErrorCategory.InvalidArgument,
            OperationCanceledException => ErrorCategory.OperationStopped,
            McpServerException => ErrorCategory.InvalidOperation,
            _ => ErrorCategory.NotSpecified,
        };
        // A server that died writing to its read-only root is told how to get a writable path.
        return WritablePathHint.Add(new ErrorRecord(ex, "ContainerMcp." + id, category, target), (ex as McpServerException)?.ServerName);
    }
}

/// <summary>Thrown from background work to end it with a specific error record.</summary>
internal sealed class McpRecordException(ErrorRecord record) : Exception(record.Exception.Message)
{
    public ErrorRecord ToErrorRecord() => record;
}
