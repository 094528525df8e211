using System.Text.Json;
using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using static ContainerMcp.Engine.Tests.Servers.ToolCallTests;

namespace ContainerMcp.Engine.Tests.Observability;

/// <summary>The audit log of real calls (meta-server.js), and the log file itself: rotation, parallel writers, failures.</summary>
[Collection(EngineCollection.Name)]
public sealed class AuditLogTests(EngineFixture fixture) : IDisposable
{
    private const string Secret = "hunter2-secret";
    private readonly string _dir = Directory.CreateTempSubdirectory("containermcp-audit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_run_leaves_one_line_per_call_with_its_outcome_and_no_secret_value()
    {
        var path = Path.Combine(_dir, "audit.log");
        await using var registry = new McpServerRegistry(fixture.Docker)
        {
            Audit = new AuditLog(new AuditLogOptions { Path = path, IncludeArgumentValues = true }),
        };
        var server = await registry.StartAsync(MetaServer.Definition(fixture, "audit") with
        {
            Tools = new ToolSelection { Exclude = ["environment"] },
        });

        await server.CallToolAsync("echo", Args(("message", "hi"), ("password", Secret)));
        await server.CallToolAsync("fail", Args(("password", Secret)));
        await Assert.ThrowsAsync<McpServerTimeoutException>(() => server.CallToolAsync("hang", timeout: TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<McpToolFilteredException>(() => server.CallToolAsync("environment"));
        await registry.StopAsync(server.Name);

        var records = AuditLogReader.Read(path, new AuditQuery()).ToList();
        Assert.Equal(["start", "call", "call", "call", "call", "stop"], records.Select(r => r.Event));
        var calls = records.Where(r => r.Event == AuditEvents.Call).ToList();
        Assert.Equal(["echo", "fail", "hang", "environment"], calls.Select(c => c.Tool));
        Assert.Equal(["success", "tool-error", "timeout", "filtered"], calls.Select(c => c.Outcome));
        Assert.All(calls, c =>
        {
            Assert.Equal(server.Name, c.Server);
            Assert.Equal(fixture.Rig.NodeImage, c.Image);
            Assert.Equal(Environment.UserName, c.User);
            Assert.Matches("^[0-9a-f]{64}$", c.ArgumentsHash);
            Assert.True(c.DurationMs >= 0);
        });
        Assert.Equal(["message", "password"], calls[0].ArgumentNames);
        Assert.NotNull(calls[0].ContainerId);
        Assert.Equal(records[0].ContainerId, calls[0].ContainerId); // the container the start event names
        Assert.Equal("hi", calls[0].Arguments!.Value.GetProperty("message").GetString());
        Assert.Equal("***", calls[0].Arguments!.Value.GetProperty("password").GetString());
        Assert.StartsWith("refused:", calls[1].Error);
        Assert.Contains("within 1 s", calls[2].Error);
        Assert.Contains("filtered out", calls[3].Error);
        Assert.Null(calls[0].Error);
        Assert.DoesNotContain(Secret, File.ReadAllText(path));

        Assert.Equal(3, AuditLogReader.Read(path, new AuditQuery { FailedOnly = true }).Count());
        Assert.Equal(["echo"], AuditLogReader.Read(path, new AuditQuery { Tool = ["ec*"] }).Select(r => r.Tool));
        Assert.Empty(AuditLogReader.Read(path, new AuditQuery { Since = DateTimeOffset.UtcNow.AddMinutes(1) }));
    }

    [Fact]
    public void Equal_arguments_hash_alike_in_any_order_and_different_ones_do_not()
    {
        var one = new AuditArguments(ToolArguments.From(Args(("a", 1), ("b", new Dictionary<string, object?> { ["x"] = "y", ["z"] = 2 }))));
        var same = new AuditArguments(ToolArguments.From(Args(("b", new Dictionary<string, object?> { ["z"] = 2, ["x"] = "y" }), ("a", 1))));
        var other = new AuditArguments(ToolArguments.From(Args(("a", 2), ("b", new Dictionary<string, object?> { ["x"] = "y", ["z"] = 2 }))));

        Assert.Equal(one.Hash, same.Hash);
        Assert.NotEqual(one.Hash, other.Hash);
    }

    [Fact]
    public void Secret_looking_values_are_redacted_by_key_and_in_urls_and_scrubbed_from_error_text()
    {
        var arguments = new AuditArguments(ToolArguments.From(Args(
            ("sql", "select 1"),
            ("connection", new Dictionary<string, object?> { ["api_key"] = "k-123456", ["url"] = "postgresql://me:pw-9876@db/app" }))));

        var values = JsonSerializer.Serialize(arguments.Values());
        Assert.Contains("select 1", values);
        Assert.DoesNotContain("k-123456", values);
        Assert.DoesNotContain("pw-9876", values);
        Assert.Contains("postgresql://me:***@db/app", values);
        Assert.Equal("bad key *** for postgresql://me:***@db/app", arguments.Scrub("bad key k-123456 for postgresql://me:pw-9876@db/app"));
    }

    [Fact]
    public async Task Parallel_writers_rotate_by_size_keep_N_files_and_lose_no_line_of_the_kept_ones()
    {
        var path = Path.Combine(_dir, "rotating.log");
        var log = new AuditLog(new AuditLogOptions { Path = path, MaxBytes = 4096, Keep = 2 });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (int i = 0; i < 40; i++)
                log.Write(new AuditRecord { Event = AuditEvents.Call, Server = $"w{writer}", Tool = "echo", Outcome = "success", DurationMs = i });
        })));

        Assert.Equal([$"{path}.2", $"{path}.1", path], AuditLog.Files(path));
        Assert.False(File.Exists($"{path}.3"));
        Assert.All(AuditLog.Files(path), file => Assert.InRange(new FileInfo(file).Length, 1, 4096));
        var skipped = new List<string>();
        var records = AuditLogReader.Read(path, new AuditQuery(), skipped.Add).ToList();
        Assert.Empty(skipped); // no line torn or interleaved
        Assert.All(records.GroupBy(r => r.Server), writer =>
            Assert.Equal(writer.Select(r => r.DurationMs).Order(), writer.Select(r => r.DurationMs))); // each writer's lines in its order
        Assert.Null(log.TakeWarning());
    }

    [Fact]
    public void A_log_that_cannot_be_written_warns_once_and_never_throws()
    {
        var blocker = Path.Combine(_dir, "not-a-directory");
        File.WriteAllText(blocker, "");
        var log = new AuditLog(new AuditLogOptions { Path = Path.Combine(blocker, "audit.log") });

        log.Write(new AuditRecord { Event = AuditEvents.Call, Server = "s", Outcome = "success" });
        log.Write(new AuditRecord { Event = AuditEvents.Call, Server = "s", Outcome = "success" });

        Assert.Contains("could not be written", log.TakeWarning());
        Assert.Null(log.TakeWarning());
    }
}
