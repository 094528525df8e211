using System.Collections.Concurrent;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

[Collection(EngineCollection.Name)]
public sealed class ToolCallTests(EngineFixture fixture)
{
    private ManagedServer Server => fixture.Everything;

    [Fact]
    public async Task Lists_the_tools_of_server_everything_with_their_schemas()
    {
        var tools = await Server.ListToolsAsync(refresh: true);

        var names = tools.Select(t => t.Name).ToList();
        Assert.Contains("echo", names);
        Assert.Contains("get-sum", names);
        Assert.Contains("trigger-long-running-operation", names);
        var echo = tools.Single(t => t.Name == "echo");
        Assert.Equal(Server.Name, echo.ServerName);
        Assert.True(echo.InputSchema.GetProperty("properties").TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Echo_returns_the_message()
    {
        var result = await Server.CallToolAsync("echo", Args(("message", "hello from the engine")));

        Assert.False(result.IsError);
        Assert.Equal("Echo: hello from the engine", result.Text);
        Assert.Equal("echo", result.ToolName);
        Assert.True(result.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task Get_sum_adds_numbers()
    {
        var result = await Server.CallToolAsync("get-sum", Args(("a", 2), ("b", 40.5)));

        Assert.False(result.IsError);
        Assert.Contains("42.5", result.Text);
    }

    [Fact]
    public async Task Long_running_tool_reports_progress_while_it_runs()
    {
        var reports = new ConcurrentQueue<McpProgress>();

        var result = await Server.CallToolAsync("trigger-long-running-operation", Args(("duration", 1), ("steps", 4)),
            new SynchronousProgress<McpProgress>(reports.Enqueue));

        Assert.Contains("Long running operation completed", result.Text);
        // The SDK handles notifications apart from responses and unhooks a call's progress handler when the
        // response lands, so the final step, sent just before the result, may be dropped. The steps before
        // it arrive while the tool runs, in order.
        var steps = reports.Select(r => r.Progress).ToList();
        Assert.True(steps.Count >= 3, $"only {steps.Count} progress notifications arrived");
        Assert.Equal([1d, 2d, 3d], steps.Take(3));
        Assert.All(reports, r => Assert.Equal(4d, r.Total));
    }

    [Fact]
    public async Task A_one_megabyte_argument_and_result_round_trip_intact()
    {
        var payload = string.Create(1024 * 1024, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++) span[i] = (char)('a' + i % 26);
        });

        var result = await Server.CallToolAsync("echo", Args(("message", payload)));

        Assert.Equal("Echo: " + payload, result.Text);
    }

    [Fact]
    public async Task Twenty_concurrent_calls_on_one_session_each_get_their_own_answer()
    {
        var calls = Enumerable.Range(0, 20)
            .Select(i => Server.CallToolAsync("echo", Args(("message", $"call {i}"))))
            .ToList();

        var results = await Task.WhenAll(calls);

        for (int i = 0; i < 20; i++) Assert.Equal($"Echo: call {i}", results[i].Text);
    }

    [Fact]
    public async Task Unknown_tool_is_refused_naming_the_tool_and_the_server_keeps_running()
    {
        var error = await Assert.ThrowsAsync<McpToolNotFoundException>(() => Server.CallToolAsync("no-such-tool", Args(("x", 1))));

        Assert.Contains("'no-such-tool'", error.Message);
        Assert.Contains(Server.Name, error.Message);
        Assert.Equal(McpServerState.Running, Server.State);
    }

    [Fact]
    public async Task Ping_answers_and_identity_comes_from_the_handshake()
    {
        var latency = await Server.PingAsync();

        Assert.True(latency > TimeSpan.Zero);
        Assert.NotNull(Server.Identity);
        Assert.True(Server.Identity!.HasTools);
        Assert.False(string.IsNullOrEmpty(Server.Identity.ProtocolVersion));
    }

    [Fact]
    public async Task Resources_and_prompts_are_listed_and_read()
    {
        var resources = await Server.ListResourcesAsync();
        Assert.NotEmpty(resources);
        var first = resources[0];
        var contents = await Server.ReadResourceAsync(first.Uri);
        Assert.Contains(contents, c => c.Uri == first.Uri && (c.Text is not null || c.Blob is not null));

        var prompts = await Server.ListPromptsAsync();
        Assert.NotEmpty(prompts);
        var simple = prompts.FirstOrDefault(p => p.Arguments.All(a => !a.Required)) ?? prompts[0];
        var messages = await Server.GetPromptAsync(simple.Name, simple.Arguments.Where(a => a.Required)
            .ToDictionary(a => a.Name, a => (object?)"value"));
        Assert.NotEmpty(messages);
    }

    internal static IEnumerable<KeyValuePair<string, object?>> Args(params (string Name, object? Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value));
}

/// <summary>Runs the handler on the reporting thread, so every report is seen before the call returns.</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
