using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace ContainerMcp.Engine.Observability;

/// <summary>
/// The module's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named "ContainerMcp", with the
/// tag names our spans and instruments share. Spans exist only while someone listens (an ActivityListener, the
/// OTLP export); metrics cost nothing until a MeterListener subscribes.
/// </summary>
public static class McpTelemetry
{
    public const string Name = "ContainerMcp";

    /// <summary>The MCP SDK's own source: its request spans carry the trace context into each request's _meta.</summary>
    public const string SdkSourceName = "Experimental.ModelContextProtocol";

    private static readonly string Version =
        typeof(McpTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static ActivitySource Source { get; } = new(Name, Version);
    public static Meter Meter { get; } = new(Name, Version);

    internal static Counter<long> Calls { get; } = Meter.CreateCounter<long>("containermcp.tool.calls", "{call}", "Tool calls made, per server, tool and outcome");
    internal static Counter<long> Failures { get; } = Meter.CreateCounter<long>("containermcp.tool.failures", "{call}", "Tool calls that failed or returned a tool error");
    internal static Counter<long> Restarts { get; } = Meter.CreateCounter<long>("containermcp.server.restarts", "{restart}", "Containers started again after one died");
    internal static Histogram<double> CallDuration { get; } = Meter.CreateHistogram<double>("containermcp.tool.duration", "ms", "How long tool calls took");

    public static class Tags
    {
        public const string Server = "containermcp.server";
        public const string Tool = "gen_ai.tool.name";
        public const string ContainerId = "container.id";
        public const string Image = "container.image.name";
        public const string Outcome = "containermcp.outcome";
    }

    // The SDK creates (and so injects into _meta) a span per request only when its source has a listener; for
    // tools/call it reuses a current span named "execute_tool …" instead. This listener makes sure that happens
    // whenever one of our spans is the parent, and stays silent otherwise.
    private static readonly ActivityListener SdkPropagation = new()
    {
        ShouldListenTo = source => source.Name == SdkSourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
            options.Parent == default ? ActivitySamplingResult.None
            : options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded
            : ActivitySamplingResult.PropagationData,
    };

    static McpTelemetry() => ActivitySource.AddActivityListener(SdkPropagation);

    /// <summary>The span of a tool call. Named as the GenAI conventions ask, which is also how the SDK recognises it.</summary>
    internal static Activity? StartToolCall(string serverName, string image, string toolName)
    {
        var span = Source.StartActivity($"execute_tool {toolName}", ActivityKind.Client);
        span?.SetTag(Tags.Server, serverName).SetTag(Tags.Tool, toolName).SetTag(Tags.Image, image);
        return span;
    }

    internal static Activity? StartSpan(string name, string serverName, string? image = null, ActivityKind kind = ActivityKind.Internal)
    {
        var span = Source.StartActivity(name, kind);
        span?.SetTag(Tags.Server, serverName);
        if (image is not null) span?.SetTag(Tags.Image, image);
        return span;
    }

    /// <summary>
    /// Background work (restarts, rotations, watch loops) would otherwise inherit whatever span was current when
    /// the server was started; it begins its own trace instead. Call only at the top of such async work.
    /// </summary>
    internal static void DetachFromCallerTrace() => Activity.Current = null;

    internal static void Succeed(this Activity? span, string outcome = Outcomes.Success)
    {
        span?.SetTag(Tags.Outcome, outcome);
        span?.SetStatus(ActivityStatusCode.Ok);
    }

    internal static void Fail(this Activity? span, string outcome, string? message)
    {
        span?.SetTag(Tags.Outcome, outcome);
        span?.SetStatus(ActivityStatusCode.Error, message);
    }
}
