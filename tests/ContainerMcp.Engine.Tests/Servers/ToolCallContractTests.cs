using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Observability;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using ContainerMcp.Engine.Tests.Observability;
using static ContainerMcp.Engine.Tests.Servers.ToolCallTests;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// The engine's tool-call contract against meta-server.js, which logs every tools/call it receives to stderr:
/// a refused call is refused before it leaves, and still leaves exactly one audit line saying why.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ToolCallContractTests(EngineFixture fixture) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("containermcp-contract-").FullName;
    private McpServerRegistry _registry = null!;
    private ManagedServer _server = null!;

    private string AuditPath => Path.Combine(_dir, "audit.log");

    public async Task InitializeAsync()
    {
        _registry = new McpServerRegistry(fixture.Docker) { Audit = new AuditLog(new AuditLogOptions { Path = AuditPath }) };
        _server = await _registry.StartAsync(MetaServer.Definition(fixture, "contract") with
        {
            Tools = new ToolSelection { Exclude = ["environment"] },
        });
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string, string, Type, string> Refusals => new()
    {
        { "no-such-tool", Outcomes.UnknownTool, typeof(McpToolNotFoundException), "has no tool named 'no-such-tool'" },
        { "environment", Outcomes.Filtered, typeof(McpToolFilteredException), "filtered out by configuration" },
        { "echo", Outcomes.InvalidArguments, typeof(McpToolArgumentsException), "'message' is required" },
    };

    [Fact]
    public async Task A_started_server_knows_its_tools_at_once_and_an_on_demand_one_once_used()
    {
        Assert.Equal(5, _server.ToolCount);   // meta-server's six, 'environment' filtered out; listed by the start itself

        var onDemand = await _registry.StartAsync(MetaServer.Definition(fixture, "ondemand") with { Strategy = LifecycleStrategy.OnDemand });
        Assert.Null(onDemand.ToolCount);      // no container yet: nothing asked
        await onDemand.CallToolAsync("echo", Args(("message", "wake up")));
        Assert.Equal(6, onDemand.ToolCount);
    }

    [Fact]
    public async Task A_tool_that_fails_inside_the_server_reads_as_that_tool_failing_not_as_a_refusal()
    {
        var error = await Assert.ThrowsAsync<McpServerProtocolException>(() => _server.CallToolAsync("broken"));

        Assert.StartsWith($"Tool 'broken' of MCP server '{_server.Name}' failed: ", error.Message);
        Assert.Contains("the disk is full", error.Message);
        Assert.DoesNotContain("refused", error.Message);
        var call = Assert.Single(AuditLogReader.Read(AuditPath, new AuditQuery()), r => r.Event == AuditEvents.Call);
        Assert.Equal(("broken", Outcomes.Failed), (call.Tool, call.Outcome));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_call_writes_one_audit_line_with_its_outcome_and_nothing_reaches_the_server(
        string tool, string outcome, Type refusal, string reason)
    {
        var error = await Assert.ThrowsAnyAsync<McpToolRefusedException>(() => _server.CallToolAsync(tool, Args(("bogus", 1))));
        await _server.CallToolAsync("echo", Args(("message", "after")));   // reaches it: the log below is up to date

        Assert.IsType(refusal, error);
        Assert.Contains(reason, error.Message);
        var call = Assert.Single(AuditLogReader.Read(AuditPath, new AuditQuery()), r => r.Event == AuditEvents.Call && r.Outcome != Outcomes.Success);
        Assert.Equal((tool, outcome), (call.Tool, call.Outcome));
        Assert.Equal(["bogus"], call.ArgumentNames!);
        Assert.Contains(reason, call.Error);
        await Eventually.TrueAsync(() => _server.GetStderr().Contains("tools/call echo"), "the server logged the echo that followed");
        Assert.Equal(["tools/call echo"], _server.GetStderr().Where(l => l.StartsWith("tools/call")));
        Assert.Equal(1, _server.Statistics.Calls);   // a refusal is no call to the server
    }
}
