using System.Text.Json;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

[Collection(EngineCollection.Name)]
public sealed class PostgresTests(EngineFixture fixture)
{
    [Fact]
    public async Task Server_postgres_query_returns_real_rows_from_PostgreSQL()
    {
        var definition = new McpServerDefinition(EngineFixture.UniqueName("pg"), new ContainerLaunchSpec
        {
            Image = fixture.Rig.PostgresImage,
            Command = [fixture.Rig.PostgresUrl],
            // The database listens on the host's loopback only; the password travels in the environment, not the URL.
            Network = "host",
            Environment = new Dictionary<string, string> { ["PGPASSWORD"] = fixture.Rig.PostgresPassword },
        });
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            await QueryReturnsSeedRowsAsync(server);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    private static async Task QueryReturnsSeedRowsAsync(ManagedServer server)
    {
        var tools = await server.ListToolsAsync();
        Assert.Equal(["query"], tools.Select(t => t.Name));

        var result = await server.CallToolAsync("query", ToolCallTests.Args(("sql", "select id, name from items order by id")));

        Assert.False(result.IsError, result.Text);
        var rows = JsonDocument.Parse(result.Text).RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("id").GetInt32(), r.GetProperty("name").GetString()))
            .ToList();
        Assert.Equal([(1, "alpha"), (2, "beta"), (3, "gamma")], rows);
    }
}
