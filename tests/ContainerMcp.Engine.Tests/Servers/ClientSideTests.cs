using System.Collections.Concurrent;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// The client side of real sessions: what server-everything and tests/rig/servers/client-server.js ask and tell reaches
/// the registry's <see cref="IMcpClientHost"/> (here one that records, and answers as it is told).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ClientSideTests(EngineFixture fixture)
{
    private static readonly string ServersDir = Path.Combine(RepoPaths.Root, "tests", "rig", "servers");

    [Fact]
    public async Task Log_messages_sent_during_a_call_reach_the_host_in_order_before_the_call_returns()
    {
        var host = new RecordingHost();
        await using var registry = new McpServerRegistry(fixture.Docker) { ClientHost = host };
        var server = await registry.StartAsync(ClientServer());

        await server.CallToolAsync("log", [new("levels", new[] { "debug", "info", "warning", "error" })]);
        var heard = host.Log.ToArray();   // read at once: nothing may arrive after the call returned

        Assert.Equal(["debug", "info", "warning", "error"], heard.Select(m => m.Level));
        Assert.Equal("client-server", heard[0].Logger);
        Assert.Equal(["debug message", "info message", "warning message", "error message"], server.GetMessages().Select(m => m.Text));
    }

    [Fact]
    public async Task A_changed_tool_list_is_read_again_before_the_host_hears_of_it()
    {
        var host = new RecordingHost();
        await using var registry = new McpServerRegistry(fixture.Docker) { ClientHost = host };
        var server = await registry.StartAsync(ClientServer());

        await server.CallToolAsync("add-tool", [new("name", "fresh")]);
        var changed = await host.ListChanges.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);

        Assert.Equal((server.Name, McpListKind.Tools), changed);
        Assert.Contains("fresh", (await server.ListToolsAsync()).Select(t => t.Name));
        Assert.Equal(3, server.ToolCount);
    }

    [Fact]
    public async Task The_host_s_elicitation_answer_reaches_the_server_and_with_no_host_it_is_declined_saying_why()
    {
        var host = new RecordingHost { Answer = new McpElicitationAnswer(McpElicitationAnswer.Cancel) };
        await using var registry = new McpServerRegistry(fixture.Docker) { ClientHost = host };
        var answered = await registry.StartAsync(fixture.EverythingDefinition(EngineFixture.UniqueName("elicit")));
        var unanswered = await fixture.Registry.StartAsync(fixture.EverythingDefinition(EngineFixture.UniqueName("no-host")));
        try
        {
            var cancelled = await answered.CallToolAsync("trigger-elicitation-request");
            var declined = await unanswered.CallToolAsync("trigger-elicitation-request");

            Assert.Contains("User cancelled the elicitation dialog", cancelled.Text);
            var asked = Assert.Single(host.Elicitations);
            Assert.Equal("Please provide inputs for the following fields:", asked.Message);
            Assert.Contains(asked.Fields, f => f is { Name: "name", Required: true });
            Assert.Contains("User declined to provide the requested information", declined.Text);
            Assert.Contains(unanswered.GetMessages(), m => m.Logger == "ContainerMcp" && m.Text.Contains("this client has no one to ask", StringComparison.Ordinal));
        }
        finally
        {
            await fixture.Registry.StopAsync(unanswered.Name);
        }
    }

    private McpServerDefinition ClientServer() => new(EngineFixture.UniqueName("client"), new ContainerLaunchSpec
    {
        Image = fixture.Rig.NodeImage,
        Command = ["/srv/client-server.js"],
        Volumes = [$"{ServersDir}:/srv:ro"],
    });

    private sealed class RecordingHost : IMcpClientHost
    {
        public McpElicitationAnswer Answer { get; init; } = new(McpElicitationAnswer.Decline);
        public ConcurrentQueue<McpLogMessage> Log { get; } = new();
        public ConcurrentQueue<McpElicitationRequest> Elicitations { get; } = new();
        public System.Threading.Channels.Channel<(string, McpListKind)> ListChanges { get; } = System.Threading.Channels.Channel.CreateUnbounded<(string, McpListKind)>();

        public Task<McpElicitationAnswer> ElicitAsync(McpElicitationRequest request, CancellationToken ct)
        {
            Elicitations.Enqueue(request);
            return Task.FromResult(Answer);
        }

        public Task<McpSamplingAnswer> SampleAsync(McpSamplingRequest request, CancellationToken ct) => Task.FromResult(new McpSamplingAnswer("ok"));
        public void OnLogMessage(McpLogMessage message) => Log.Enqueue(message);
        public void OnListChanged(string serverName, McpListKind kind) => ListChanges.Writer.TryWrite((serverName, kind));
        public void OnResourceUpdated(string serverName, string uri) { }
    }
}
