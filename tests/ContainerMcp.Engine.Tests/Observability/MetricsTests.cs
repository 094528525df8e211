using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Observability;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using static ContainerMcp.Engine.Tests.Servers.ToolCallTests;

namespace ContainerMcp.Engine.Tests.Observability;

/// <summary>Calls, failures, durations and restarts: on the server itself, and through the Meter for outside listeners.</summary>
[Collection(EngineCollection.Name)]
public sealed class MetricsTests(EngineFixture fixture)
{
    [Fact]
    public async Task Real_calls_count_on_the_server_and_reach_a_MeterListener()
    {
        var measured = new ConcurrentQueue<(string Instrument, double Value, string? Outcome)>();
        var server = await fixture.Registry.StartAsync(MetaServer.Definition(fixture, "metrics"));
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == McpTelemetry.Name) l.EnableMeasurementEvents(instrument); },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? serverTag = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == McpTelemetry.Tags.Server) serverTag = tag.Value as string;
                if (tag.Key == McpTelemetry.Tags.Outcome) outcome = tag.Value as string;
            }
            if (serverTag == server.Name) measured.Enqueue((instrument.Name, value, outcome));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        try
        {
            for (int i = 0; i < 3; i++) await server.CallToolAsync("echo", Args(("message", $"call {i}")));
            await server.CallToolAsync("fail");

            Assert.Equal(4, server.Statistics.Calls);
            Assert.Equal(1, server.Statistics.Failures);
            var (average, p95) = server.Statistics.Durations()!.Value;
            Assert.InRange(average, 0.01, 10_000);
            Assert.InRange(p95, 0.01, 10_000);
            Assert.Equal(4, measured.Count(m => m.Instrument == "containermcp.tool.calls"));
            Assert.Equal(["tool-error"], measured.Where(m => m.Instrument == "containermcp.tool.failures").Select(m => m.Outcome));
            Assert.Equal(4, measured.Count(m => m.Instrument == "containermcp.tool.duration" && m.Value > 0));
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    [Fact]
    public void P95_is_the_nearest_rank_of_the_recent_window()
    {
        var statistics = new CallStatistics();
        for (int ms = 1; ms <= 100; ms++) statistics.Record(TimeSpan.FromMilliseconds(ms), failed: ms % 10 == 0);
        Assert.Equal((50.5, 95.0), statistics.Durations());
        Assert.Equal(10, statistics.Failures);

        // Only the last Window durations count: old slow calls age out.
        for (int i = 0; i < CallStatistics.Window; i++) statistics.Record(TimeSpan.FromMilliseconds(2), failed: false);
        Assert.Equal((2.0, 2.0), statistics.Durations());
        Assert.Equal(100 + CallStatistics.Window, statistics.Calls);
    }

    [Fact]
    public async Task A_restart_is_counted_by_the_Meter_and_recorded_as_exit_and_restart_in_the_audit_log()
    {
        var path = Path.Combine(Path.GetTempPath(), $"containermcp-restart-{Guid.NewGuid():n}.log");
        var restarts = new ConcurrentQueue<string>();
        await using var registry = new McpServerRegistry(fixture.Docker) { Audit = new AuditLog(new AuditLogOptions { Path = path }) };
        var server = await registry.StartAsync(MetaServer.Definition(fixture, "metrics-restart") with
        {
            Restart = RestartPolicy.Default with { InitialDelay = TimeSpan.FromMilliseconds(100) },
        });
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Name == "containermcp.server.restarts") l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == McpTelemetry.Tags.Server && tag.Value as string == server.Name) restarts.Enqueue(server.Name);
        });
        listener.Start();
        try
        {
            var first = server.ContainerId;
            await fixture.Docker.KillContainerAsync(first, "KILL");
            await Eventually.TrueAsync(() => server.RestartCount == 1 && server.State == McpServerState.Running, "the server is restarted");

            Assert.Single(restarts);
            var events = AuditLogReader.Read(path, new AuditQuery()).Select(r => (r.Event, r.Outcome, r.ContainerId)).ToList();
            Assert.Equal([("start", "success", first), ("exit", "failed", first), ("restart", "success", server.ContainerId)], events);
        }
        finally
        {
            await registry.StopAsync(server.Name);
            File.Delete(path);
        }
    }
}
