using System.Diagnostics;
using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// Everything one tool call leaves behind: its span (current while the call runs, so the SDK puts its context in
/// the request's _meta), the Meter's instruments, the server's own statistics and the audit line. Ends once.
/// </summary>
internal sealed class ToolCallObservation : IDisposable
{
    private readonly ManagedServer _server;
    private readonly string _tool;
    private readonly ToolArguments _callArguments;
    private AuditArguments? _arguments;
    private readonly Activity? _span;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _containerId;

    public ToolCallObservation(ManagedServer server, string tool, ToolArguments arguments, AuditLog? audit)
    {
        _server = server;
        _tool = tool;
        Audit = audit;
        _callArguments = arguments;
        _span = McpTelemetry.StartToolCall(server.Name, server.Image, tool);
    }

    private AuditLog? Audit { get; }

    // Made only when something reads it (an audit line, an error to scrub of secret values): a successful call with
    // no audit log pays nothing for it.
    private AuditArguments Arguments => _arguments ??= new AuditArguments(_callArguments);

    /// <summary>The container the call went to.</summary>
    public void SentTo(string containerId)
    {
        _containerId = containerId;
        _span?.SetTag(McpTelemetry.Tags.ContainerId, containerId);
    }

    public void Completed(McpToolCallResult result) =>
        End(result.IsError ? Outcomes.ToolError : Outcomes.Success, result.IsError ? FirstLine(result.Text) : null);

    /// <summary>A refused call (unknown tool, filtered out, invalid arguments) is recorded but is not a call to the
    /// server: no counters move.</summary>
    public void Failed(Exception error) => End(Outcomes.Of(error), FirstLine(error.Message), counted: error is not McpToolRefusedException);

    private void End(string outcome, string? error, bool counted = true)
    {
        var duration = _clock.Elapsed;
        if (error is not null) error = Arguments.Scrub(error);
        bool failed = outcome != Outcomes.Success;
        if (failed) _span.Fail(outcome, error);
        else _span.Succeed();

        if (counted)
        {
            _server.Statistics.Record(duration, failed);
            var tags = new TagList { { McpTelemetry.Tags.Server, _server.Name }, { McpTelemetry.Tags.Tool, _tool }, { McpTelemetry.Tags.Outcome, outcome } };
            McpTelemetry.Calls.Add(1, tags);
            McpTelemetry.CallDuration.Record(duration.TotalMilliseconds, tags);
            if (failed) McpTelemetry.Failures.Add(1, tags);
        }

        if (Audit is null) return;
        Audit.Write(new AuditRecord
        {
            Event = AuditEvents.Call, Server = _server.Name, Image = _server.Image, ContainerId = _containerId, Tool = _tool,
            ArgumentNames = Arguments.Names, ArgumentsHash = Arguments.Hash,
            Arguments = Audit.Options.IncludeArgumentValues ? Arguments.Values() : null,
            DurationMs = Math.Round(duration.TotalMilliseconds, 3), Outcome = outcome, Error = error,
            TraceId = _span?.TraceId.ToHexString(),
        });
    }

    public void Dispose() => _span?.Dispose();

    private static string? FirstLine(string? text)
    {
        if (text is null) return null;
        var line = text.Split('\n')[0].Trim();
        return line.Length > 500 ? line[..500] + "…" : line;
    }
}
