using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Config.Imports;
using static ContainerMcp.Engine.Tests.Config.Imports.ImportAssert;

namespace ContainerMcp.Engine.Tests.Config.Imports;

public sealed class McpHubImportTests
{
    private const string HubFile = """
        {
          "mcpServers": {
            "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/workspace"] },
            "time": { "command": "uvx", "args": ["mcp-server-time"] }
          },
          "docker": {
            "enabled": true,
            "strategy": "on-demand",
            "maxContainers": 20,
            "dockerConfig": { "socketPath": "/var/run/docker.sock", "networkName": "mcp-hub-network" },
            "serverConfigs": {
              "filesystem": {
                "image": "mcp-servers/filesystem",
                "imageTag": "1.4.0",
                "volumes": { "/home/ada/workspace": "/data" },
                "environment": { "MCP_ALLOWED_PATHS": "/data" },
                "command": ["/data"]
              },
              "mcp-memory": {
                "image": "mcp-servers/memory",
                "strategy": "always-on",
                "lightweight": true,
                "resourceLimits": { "memory": "256m", "cpus": "0.25" }
              },
              "mcp-fetch": {
                "image": "mcp-servers/fetch",
                "strategy": "pre-warmed",
                "networkMode": "bridge",
                "resourceLimits": { "memory": 768, "cpus": 1 },
                "securityOpt": ["no-new-privileges:true"],
                "capabilities": { "drop": ["ALL"] }
              }
            }
          }
        }
        """;

    [Fact]
    public void Docker_entries_take_the_place_of_the_mcpServers_entries_they_share_a_name_with()
    {
        var servers = McpJsonConfigReader.Read(HubFile, FileName);

        Assert.Equal(["time", "filesystem", "mcp-memory", "mcp-fetch"], servers.Select(s => s.Name));
        Assert.Equal("mcp-servers/filesystem:1.4.0", servers[1].Image);
        Assert.Null(servers[1].Runtime);
    }

    [Fact]
    public void Volume_map_environment_and_command_carry_over()
    {
        var filesystem = McpJsonConfigReader.Read(HubFile, FileName).Single(s => s.Name == "filesystem");

        Assert.Equal(["/home/ada/workspace:/data"], filesystem.Volumes);
        Assert.Equal("/data", filesystem.McpServer.Env["MCP_ALLOWED_PATHS"]);
        Assert.Null(filesystem.McpServer.Command);
        Assert.Equal(["/data"], filesystem.McpServer.Args);
        Assert.Equal(new ConfigSource(FileName, 0), filesystem.Source);
    }

    [Fact]
    public void Strategies_map_to_lifecycles_and_default_to_the_integration_strategy()
    {
        var servers = McpJsonConfigReader.Read(HubFile, FileName).ToDictionary(s => s.Name);

        Assert.Equal(LifecycleStrategy.OnDemand, servers["filesystem"].Lifecycle.Strategy);
        Assert.Equal(LifecycleStrategy.AlwaysOn, servers["mcp-memory"].Lifecycle.Strategy);
        Assert.Equal(LifecycleStrategy.PreWarmed, servers["mcp-fetch"].Lifecycle.Strategy);
    }

    [Fact]
    public void Resource_limits_read_docker_sizes_or_megabytes_and_cpus_as_number_or_text()
    {
        var servers = McpJsonConfigReader.Read(HubFile, FileName).ToDictionary(s => s.Name);

        Assert.Equal(new ResourceLimitsConfig { MemoryMB = 256, CpuCores = 0.25 }, servers["mcp-memory"].ResourceLimits);
        Assert.Equal(new ResourceLimitsConfig { MemoryMB = 768, CpuCores = 1 }, servers["mcp-fetch"].ResourceLimits);
        Assert.Equal("bridge", servers["mcp-fetch"].Network);
    }

    [Fact]
    public void Switched_off_integration_imports_only_the_client_servers()
    {
        var servers = McpJsonConfigReader.Read(HubFile.Replace("\"enabled\": true", "\"enabled\": false"), FileName);

        Assert.Equal(["filesystem", "time"], servers.Select(s => s.Name));
        Assert.StartsWith("@modelcontextprotocol/server-filesystem", servers[0].Package);
    }

    [Fact]
    public void Hub_file_without_client_servers_is_understood()
    {
        var server = Single("""{ "docker": { "serverConfigs": { "time": { "image": "mcp-servers/time", "volumes": ["/etc/localtime:/etc/localtime:ro"] } } } }""");

        Assert.Equal("mcp-servers/time", server.Image);
        Assert.Equal(["/etc/localtime:/etc/localtime:ro"], server.Volumes);
        Assert.Equal(LifecycleStrategy.OnDemand, server.Lifecycle.Strategy);
    }

    [Theory]
    [InlineData("""{ "image": "x", "ports": [8080], "healthCheck": {} }""", "docker.serverConfigs.s", "ports, healthCheck")]
    [InlineData("""{ "strategy": "on-demand" }""", "docker.serverConfigs.s", "names no image")]
    [InlineData("""{ "image": "x", "strategy": "scheduled" }""", "docker.serverConfigs.s.strategy", "'scheduled'")]
    [InlineData("""{ "image": "x:2", "imageTag": "3" }""", "docker.serverConfigs.s.imageTag", "tag both")]
    [InlineData("""{ "image": "x", "resourceLimits": { "memory": "lots" } }""", "docker.serverConfigs.s.resourceLimits.memory", "memory size")]
    [InlineData("""{ "image": "x", "resourceLimits": { "gpus": 1 } }""", "docker.serverConfigs.s.resourceLimits.gpus", "'gpus'")]
    [InlineData("""{ "image": "x", "exposePort": true }""", "docker.serverConfigs.s.exposePort", "port")]
    [InlineData("""{ "image": "x", "securityOpt": ["seccomp=unconfined"] }""", "docker.serverConfigs.s.securityOpt[0]", "confinement")]
    [InlineData("""{ "image": "x", "capabilities": { "drop": ["ALL"], "add": ["SYS_ADMIN"] } }""", "docker.serverConfigs.s.capabilities.add", "adds capabilities")]
    [InlineData("""{ "image": "x", "environment": { "TOKEN": "${cmd: op read x}" } }""", "docker.serverConfigs.s.environment.TOKEN", "${cmd: op read x}")]
    public void Hub_entries_that_cannot_be_translated_are_refused_naming_the_key(string entry, string key, string why)
    {
        var error = Refused($$"""{ "docker": { "serverConfigs": { "s": {{entry}} } } }""");

        Names(error, key, why);
    }
}
