using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using ContainerMcp.Engine.Tests.Servers;

namespace ContainerMcp.Engine.Tests.Config;

/// <summary>Servers started from configuration files, against the real engine, PostgreSQL and server-everything.</summary>
[Collection(EngineCollection.Name)]
public sealed class ConfiguredServerTests(EngineFixture fixture)
{
    [Fact]
    public async Task Postgres_example_starts_with_credentials_from_the_environment_and_answers_a_query()
    {
        var config = Assert.Single(McpConfigFile.Load(RepoPaths.Example("postgres.yaml")));
        config = config with { Name = EngineFixture.UniqueName("pg-yaml") };
        var environment = new Dictionary<string, string>
        {
            ["PG_URL"] = fixture.Rig.PostgresUrl,
            ["PG_PASSWORD"] = fixture.Rig.PostgresPassword,
        };
        var definition = new McpServerConfigResolver(environment.GetValueOrDefault).Resolve(config);

        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            var result = await server.CallToolAsync("query", ToolCallTests.Args(("sql", "select name from items where id = 2")));
            Assert.False(result.IsError, result.Text);
            Assert.Contains("beta", result.Text);

            // The resolved password went to the container, and only there: the kept configuration holds the reference.
            var inspected = await fixture.Docker.InspectContainerAsync(server.ContainerId);
            Assert.Contains($"PGPASSWORD={fixture.Rig.PostgresPassword}", inspected.Config.Env ?? []);
            Assert.Equal("${env:PG_PASSWORD}", server.Definition.Config!.McpServer.Env["PGPASSWORD"]);
            Assert.Equal(256L * 1024 * 1024, inspected.HostConfig.Memory);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task Excluded_tool_is_neither_listed_nor_callable()
    {
        var definition = fixture.EverythingDefinition(EngineFixture.UniqueName("filtered")) with
        {
            Tools = new ToolSelection { Exclude = ["get-*", "ECHO"] },
        };
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            var names = (await server.ListToolsAsync()).Select(t => t.Name).ToList();
            Assert.NotEmpty(names);
            Assert.DoesNotContain(names, n => n.StartsWith("get-", StringComparison.Ordinal) || n == "echo");
            Assert.Equal(names.Count, server.ToolCount);

            var error = await Assert.ThrowsAsync<McpToolFilteredException>(
                () => server.CallToolAsync("get-sum", ToolCallTests.Args(("a", 1), ("b", 2))));
            Assert.Contains("filtered out by configuration", error.Message);
            Assert.Contains("exclude get-*", error.Message);
            Assert.Equal("get-sum", error.ToolName);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task Included_tools_are_the_only_ones_offered()
    {
        var definition = fixture.EverythingDefinition(EngineFixture.UniqueName("included")) with
        {
            Tools = new ToolSelection { Include = ["echo", "get-s?m"] },
        };
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            Assert.Equal(["echo", "get-sum"], (await server.ListToolsAsync()).Select(t => t.Name).Order());
            var echoed = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "still here")));
            Assert.Contains("still here", echoed.Text);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task Execution_timeout_from_configuration_ends_a_slow_call_and_the_server_stays_usable()
    {
        var config = new McpServerConfig
        {
            Name = EngineFixture.UniqueName("timeout"),
            Image = fixture.Rig.EverythingImage,
            ResourceLimits = new ResourceLimitsConfig { ExecutionTimeoutSeconds = 1 },
        };
        var definition = new McpServerConfigResolver().Resolve(config);
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            var error = await Assert.ThrowsAsync<McpServerTimeoutException>(() => server.CallToolAsync(
                "trigger-long-running-operation", ToolCallTests.Args(("duration", 10), ("steps", 10))));
            Assert.Equal(TimeSpan.FromSeconds(1), error.Timeout);

            var echoed = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "after the timeout")));
            Assert.Contains("after the timeout", echoed.Text);
            Assert.Equal(McpServerState.Running, server.State);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task Missing_environment_variable_is_named_and_nothing_is_started()
    {
        var config = Assert.Single(McpConfigFile.Load(RepoPaths.Example("postgres.yaml")));
        var name = EngineFixture.UniqueName("pg-noenv");
        var resolver = new McpServerConfigResolver(variable => variable == "PG_URL" ? fixture.Rig.PostgresUrl : null);

        var error = Assert.Throws<McpConfigException>(() => resolver.Resolve(config with { Name = name }));

        Assert.Contains("PG_PASSWORD", error.Message);
        Assert.Contains("env PGPASSWORD", error.Message);
        Assert.False(fixture.Registry.TryGet(name, out _));
        Assert.Empty(await fixture.ContainersOfAsync(name));
    }
}
