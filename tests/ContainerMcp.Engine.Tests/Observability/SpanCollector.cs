using System.Collections.Concurrent;
using System.Diagnostics;
using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Tests.Observability;

/// <summary>Records every finished span of our ActivitySource while it lives, as a tracing backend would.</summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _finished = new();
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == McpTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _finished.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The finished spans of one server (parallel work of other servers is left out).</summary>
    public IReadOnlyList<Activity> Of(string serverName) =>
        _finished.Where(a => a.GetTagItem(McpTelemetry.Tags.Server) as string == serverName).ToList();

    public Activity Single(string serverName, string operationName) => Assert.Single(Of(serverName), a => a.OperationName == operationName);

    public void Dispose() => _listener.Dispose();
}
