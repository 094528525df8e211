using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ContainerMcp.Engine.Observability;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Observability;

/// <summary>The OTLP/HTTP export of a real call's spans to a collector stand-in listening on 127.0.0.1.</summary>
[Collection(EngineCollection.Name)]
public sealed class OtlpExportTests(EngineFixture fixture)
{
    [Fact]
    public async Task A_malformed_endpoint_turns_export_off_with_one_warning_instead_of_breaking_the_session()
    {
        var before = Environment.GetEnvironmentVariable(OtlpTraceExport.EndpointVariable);
        Environment.SetEnvironmentVariable(OtlpTraceExport.EndpointVariable, "collector:4318");
        try
        {
            await using var registry = ContainerMcp.Engine.Servers.McpServerRegistry.CreateFromEnvironment();

            Assert.Null(registry.TraceExport);
            var warning = registry.TakeSetupWarning();
            Assert.NotNull(warning);
            Assert.Contains(OtlpTraceExport.EndpointVariable, warning);
            Assert.Contains("'collector:4318'", warning);
            Assert.Null(registry.TakeSetupWarning());
        }
        finally
        {
            Environment.SetEnvironmentVariable(OtlpTraceExport.EndpointVariable, before);
        }
    }

    [Fact]
    public async Task Configured_endpoint_receives_the_spans_of_a_call_with_the_trace_id_the_server_saw()
    {
        using var collector = new CollectorStandIn();
        using var export = OtlpTraceExport.Start(collector.BaseUrl);
        var server = await fixture.Registry.StartAsync(MetaServer.Definition(fixture, "otlp"));
        try
        {
            var meta = JsonDocument.Parse((await server.CallToolAsync("meta")).Text).RootElement;
            var traceId = Convert.FromHexString(meta.GetProperty("traceparent").GetString()!.Split('-')[1]);

            Assert.True(export.Flush(TimeSpan.FromSeconds(10)), "the export flushed within 10 s");
            await Eventually.TrueAsync(() => collector.Received.Any(r => r.Body.AsSpan().IndexOf(traceId) >= 0),
                "the collector received a span of the call's trace", TimeSpan.FromSeconds(10));
            var batch = collector.Received.First(r => r.Body.AsSpan().IndexOf(traceId) >= 0);
            Assert.Equal("/v1/traces", batch.Path);
            Assert.Equal("application/x-protobuf", batch.ContentType);
            Assert.True(batch.Body.AsSpan().IndexOf("execute_tool meta"u8) >= 0, "the call span is in the batch");
            Assert.True(batch.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(server.Name)) >= 0, "the server name is a tag");
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    /// <summary>Accepts OTLP/HTTP posts on a free loopback port and keeps what arrived.</summary>
    private sealed class CollectorStandIn : IDisposable
    {
        private readonly HttpListener _listener = new();

        public CollectorStandIn()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUrl = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(BaseUrl.ToString());
            _listener.Start();
            _ = ServeAsync();
        }

        public Uri BaseUrl { get; }
        public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Received { get; } = new();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close(); // an empty ExportTraceServiceResponse: everything accepted
            }
        }

        public void Dispose() => _listener.Close();
    }
}
