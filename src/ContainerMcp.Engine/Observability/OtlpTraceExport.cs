using System.Runtime.CompilerServices;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ContainerMcp.Engine.Observability;

/// <summary>
/// Sends our spans (and the MCP SDK's request spans beneath them) to an OTLP endpoint, when one is configured.
/// The OpenTelemetry assemblies are touched only inside the methods that build and flush the provider, so a
/// session without an endpoint never loads them.
/// </summary>
public sealed class OtlpTraceExport : IDisposable
{
    public const string EndpointVariable = "CONTAINERMCP_OTLP_ENDPOINT";
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private readonly IDisposable _provider;

    private OtlpTraceExport(IDisposable provider, string endpoint)
    {
        _provider = provider;
        Endpoint = endpoint;
    }

    /// <summary>Where spans go (as configured; the exporter adds /v1/traces to a bare base URL).</summary>
    public string Endpoint { get; }

    /// <summary>
    /// CONTAINERMCP_OTLP_ENDPOINT (OTLP/HTTP, protobuf), else the standard OTEL_EXPORTER_OTLP_ENDPOINT with the
    /// exporter's own OTEL_* settings (protocol, headers…); null when neither is set: nothing is exported.
    /// </summary>
    public static OtlpTraceExport? FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } ours) return Start(ParseEndpoint(ours, EndpointVariable));
        if (Environment.GetEnvironmentVariable(StandardEndpointVariable) is { Length: > 0 } standard)
            return new OtlpTraceExport(BuildProvider(null), standard);
        return null;
    }

    /// <summary>Exports to this OTLP/HTTP endpoint; a URL without a path gets /v1/traces.</summary>
    public static OtlpTraceExport Start(Uri endpoint)
    {
        if (endpoint.AbsolutePath is "" or "/") endpoint = new Uri(endpoint, "/v1/traces");
        return new OtlpTraceExport(BuildProvider(endpoint), endpoint.ToString());
    }

    /// <summary>Sends what is buffered now; false when it did not finish within the limit.</summary>
    public bool Flush(TimeSpan limit) => ForceFlush(_provider, (int)limit.TotalMilliseconds);

    public void Dispose() => _provider.Dispose();

    private static Uri ParseEndpoint(string value, string variable) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"{variable} must be an http(s) URL such as http://127.0.0.1:4318, not '{value}'.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IDisposable BuildProvider(Uri? endpoint)
    {
        var builder = Sdk.CreateTracerProviderBuilder()
            .AddSource(McpTelemetry.Name, McpTelemetry.SdkSourceName)
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME"))) resource.AddService(McpTelemetry.Name);
            });
        // Without an endpoint of ours the exporter reads OTEL_EXPORTER_OTLP_* itself.
        builder = endpoint is null
            ? builder.AddOtlpExporter()
            : builder.AddOtlpExporter(options =>
            {
                options.Endpoint = endpoint;
                options.Protocol = OtlpExportProtocol.HttpProtobuf;
            });
        return builder.Build();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ForceFlush(IDisposable provider, int milliseconds) => ((TracerProvider)provider).ForceFlush(milliseconds);
}
