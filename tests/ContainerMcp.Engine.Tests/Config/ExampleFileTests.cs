using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Config;

/// <summary>The YAML files in examples/ are what users copy first: they must load and pass the secret check.</summary>
public sealed class ExampleFileTests
{
    public static TheoryData<string> Examples =>
        new(Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples"), "*.yaml").Select(Path.GetFileName).OfType<string>());

    [Theory, MemberData(nameof(Examples))]
    public void Example_loads_with_no_literal_secret(string fileName)
    {
        var servers = McpConfigFile.Load(RepoPaths.Example(fileName));

        Assert.NotEmpty(servers);
        Assert.All(servers, s => Assert.False(s.AllowPlaintextSecrets, $"{fileName}: {s.Name} should not need allow_plaintext_secrets."));
    }

    [Fact]
    public void Database_example_offers_only_query_and_schema_tools_with_limits_rotation_and_environment_credentials()
    {
        var teradata = Assert.Single(McpConfigFile.Load(RepoPaths.Example("teradata.yaml")));

        Assert.NotEmpty(teradata.McpServer.Tools.Include);
        Assert.NotNull(teradata.ResourceLimits.ExecutionTimeoutSeconds);
        Assert.NotNull(teradata.ResourceLimits.MemoryMB);
        Assert.NotNull(teradata.Lifecycle.RotationIntervalHours);
        Assert.Contains(CredentialReferences.Find(teradata.McpServer.Env["DATABASE_URI"]), r => r is ("env", "TD_PASSWORD"));
    }

    [Fact]
    public void Yaml_and_json_are_told_apart_by_extension_or_first_character()
    {
        const string json = """{ "mcpServers": { "fs": { "command": "docker", "args": ["run", "-i", "--rm", "img:1"] } } }""";
        Assert.Equal("img:1", Assert.Single(McpConfigFile.Parse(json, "claude_desktop_config.json")).Image);
        Assert.Equal("img:1", Assert.Single(McpConfigFile.Parse(json, "no-extension")).Image);
        Assert.Equal("img:2", Assert.Single(McpConfigFile.Parse("name: a\nimage: img:2\n", "one.yml")).Image);
    }
}
