using System.Diagnostics;
using System.Text.Json;
using ContainerMcp.Engine.Observability;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Observability;

/// <summary>
/// Spans of real starts and calls, and the W3C trace context the server receives: in each request's _meta (the
/// SDK injects the current span) and as TRACEPARENT in its container's environment. tests/rig/servers/meta-server.js
/// answers with what it received.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class TracingTests(EngineFixture fixture)
{
    [Fact]
    public async Task Tool_call_span_reaches_the_server_as_the_traceparent_in_the_requests_meta()
    {
        using var spans = new SpanCollector();
        var server = await fixture.Registry.StartAsync(MetaServer.Definition(fixture, "trace-call"));
        try
        {
            var result = await server.CallToolAsync("meta");

            var call = spans.Single(server.Name, "execute_tool meta");
            var meta = JsonDocument.Parse(result.Text).RootElement;
            Assert.Equal($"00-{call.TraceId}-{call.SpanId}-01", meta.GetProperty("traceparent").GetString());
            Assert.Equal("meta", call.GetTagItem(McpTelemetry.Tags.Tool));
            Assert.Equal(server.ContainerId, call.GetTagItem(McpTelemetry.Tags.ContainerId));
            Assert.Equal(fixture.Rig.NodeImage, call.GetTagItem(McpTelemetry.Tags.Image));
            Assert.Equal("success", call.GetTagItem(McpTelemetry.Tags.Outcome));
            Assert.Equal(ActivityStatusCode.Ok, call.Status);
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    [Fact]
    public async Task Start_span_has_create_attach_start_and_initialize_children_and_is_the_containers_TRACEPARENT()
    {
        using var spans = new SpanCollector();
        var server = await fixture.Registry.StartAsync(MetaServer.Definition(fixture, "trace-start"));
        try
        {
            var start = spans.Single(server.Name, $"start {server.Name}");
            var children = spans.Of(server.Name).Where(s => s.ParentSpanId == start.SpanId).Select(s => s.OperationName).ToList();
            Assert.Equal(["create container", "attach container", "start container", "initialize"], children);
            Assert.All(spans.Of(server.Name), s => Assert.Equal(start.TraceId, s.TraceId));
            Assert.Equal(server.ContainerId, start.GetTagItem(McpTelemetry.Tags.ContainerId));

            var inspected = await fixture.Docker.InspectContainerAsync(server.ContainerId);
            Assert.Contains($"TRACEPARENT={start.Id}", inspected.Config?.Env ?? []);
            var seen = JsonDocument.Parse((await server.CallToolAsync("environment")).Text).RootElement;
            Assert.Equal(start.Id, seen.GetProperty("traceparent").GetString());
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    [Fact]
    public async Task Failed_call_and_health_check_spans_carry_their_outcome_and_no_argument_value()
    {
        using var spans = new SpanCollector();
        var server = await fixture.Registry.StartAsync(MetaServer.Definition(fixture, "trace-fail"));
        try
        {
            var result = await server.CallToolAsync("fail", Servers.ToolCallTests.Args(("password", "hunter2-secret")));
            Assert.True(result.IsError);
            await server.CheckHealthAsync(TimeSpan.FromSeconds(5));

            var call = spans.Single(server.Name, "execute_tool fail");
            Assert.Equal(ActivityStatusCode.Error, call.Status);
            Assert.Equal("tool-error", call.GetTagItem(McpTelemetry.Tags.Outcome));
            Assert.StartsWith("refused:", call.StatusDescription);
            Assert.DoesNotContain("hunter2-secret", call.StatusDescription);
            Assert.DoesNotContain(call.TagObjects, t => t.Value?.ToString()?.Contains("hunter2-secret") == true);
            var health = spans.Single(server.Name, $"health {server.Name}");
            Assert.Equal("healthy", health.GetTagItem(McpTelemetry.Tags.Outcome));
            Assert.Equal(server.ContainerId, health.GetTagItem(McpTelemetry.Tags.ContainerId));
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }
}
