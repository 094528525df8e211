using System.Diagnostics;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// W3C trace context for the server process: TRACEPARENT (and TRACESTATE) in its environment, as OpenTelemetry
/// SDKs read them, so what the server does at start joins the trace of the start that launched it.
/// </summary>
internal static class TraceContext
{
    public const string TraceParent = "TRACEPARENT";
    public const string TraceState = "TRACESTATE";

    /// <summary>The spec with the span's context added; unchanged without a span, or when the user set TRACEPARENT.</summary>
    public static ContainerLaunchSpec AddTo(ContainerLaunchSpec spec, Activity? span)
    {
        if (span is not { IdFormat: ActivityIdFormat.W3C, Id: { } id }) return spec;
        if (spec.Environment.Keys.Any(k => string.Equals(k, TraceParent, StringComparison.OrdinalIgnoreCase))) return spec;
        var environment = new Dictionary<string, string>(spec.Environment) { [TraceParent] = id };
        if (!string.IsNullOrEmpty(span.TraceStateString)) environment[TraceState] = span.TraceStateString;
        return spec with { Environment = environment };
    }
}
