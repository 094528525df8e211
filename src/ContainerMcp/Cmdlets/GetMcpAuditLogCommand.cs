using ContainerMcp.Engine.Audit;

namespace ContainerMcp.Cmdlets;

/// <summary>Reads the audit log back (rotated files too, oldest first): tool calls and lifecycle events, filtered.</summary>
[Cmdlet(VerbsCommon.Get, "McpAuditLog")]
[OutputType(typeof(McpAuditEntry))]
public sealed class GetMcpAuditLogCommand : McpCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? Server { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string[]? Tool { get; set; }

    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Only entries whose outcome is not success.</summary>
    [Parameter]
    public SwitchParameter Failed { get; set; }

    /// <summary>The log to read; by default the one this session writes (CONTAINERMCP_AUDIT_LOG, or the user's data folder).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        var path = Path is null ? Registry.Audit?.Path ?? AuditLogOptions.DefaultPath : GetUnresolvedProviderPathFromPSPath(Path);
        if (AuditLog.Files(path).Count == 0)
        {
            if (Path is null) Output.WriteVerbose($"No audit log at {path} yet: no tool call has been recorded there.");
            else Output.WriteError(McpErrors.Create($"No audit log at '{path}'. Give the path of an audit.log (Get-McpAuditLog -Path).",
                "AuditLogNotFound", ErrorCategory.ObjectNotFound, Path));
            return;
        }
        var query = new AuditQuery
        {
            Server = Server, Tool = Tool, FailedOnly = Failed,
            Since = Since is { } since ? new DateTimeOffset(since.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(since, DateTimeKind.Local) : since) : null,
        };
        try
        {
            foreach (var record in AuditLogReader.Read(path, query, Output.WriteWarning)) Output.WriteObject(new McpAuditEntry(record, path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Output.WriteError(McpErrors.Create($"The audit log '{path}' could not be read: {ex.Message}", "AuditLogUnreadable", ErrorCategory.ReadError, path));
        }
    }
}
