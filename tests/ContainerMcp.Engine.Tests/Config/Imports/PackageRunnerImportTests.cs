using ContainerMcp.Engine.Config;
using static ContainerMcp.Engine.Tests.Config.Imports.ImportAssert;

namespace ContainerMcp.Engine.Tests.Config.Imports;

public sealed class PackageRunnerImportTests
{
    [Fact]
    public void Npx_filesystem_server_builds_a_node_image_with_the_package_and_keeps_its_arguments()
    {
        var server = Single("""
            {
              "mcpServers": {
                "filesystem": {
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/ada/Desktop", "/Users/ada/Downloads"],
                  "env": { "NODE_OPTIONS": "--max-old-space-size=256" }
                }
              }
            }
            """);

        Assert.Null(server.Image);
        Assert.Equal(RuntimeKind.Node, server.Runtime!.Kind);
        Assert.Equal(["@modelcontextprotocol/server-filesystem@2025.8.21"], server.Runtime.PreinstallPackages);
        Assert.Equal("npx", server.McpServer.Command);
        Assert.Equal(
            ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/ada/Desktop", "/Users/ada/Downloads"],
            server.McpServer.Args);
        Assert.Equal("--max-old-space-size=256", server.McpServer.Env["NODE_OPTIONS"]);
    }

    [Fact]
    public void Npx_package_option_names_the_package_and_the_next_word_is_its_program()
    {
        var server = Single(ClaudeEntry("memory", "npx", "--yes", "--package=@modelcontextprotocol/server-memory", "--", "mcp-server-memory"));

        Assert.Equal(["@modelcontextprotocol/server-memory"], server.Runtime!.PreinstallPackages);
    }

    [Fact]
    public void Npx_started_through_cmd_on_windows_reads_like_npx()
    {
        var server = Single(ClaudeEntry("memory", "cmd", "/c", "npx", "-y", "@modelcontextprotocol/server-memory"));

        Assert.Equal(RuntimeKind.Node, server.Runtime!.Kind);
        Assert.Equal("npx", server.McpServer.Command);
        Assert.Equal(["-y", "@modelcontextprotocol/server-memory"], server.McpServer.Args);
    }

    [Fact]
    public void Uvx_fetch_server_builds_a_python_image_with_the_package()
    {
        var server = Single(ClaudeEntry("fetch", "uvx", "mcp-server-fetch", "--ignore-robots-txt"));

        Assert.Null(server.Image);
        Assert.Equal(RuntimeKind.Python, server.Runtime!.Kind);
        Assert.Null(server.Runtime.Version);
        Assert.Equal(["mcp-server-fetch"], server.Runtime.PreinstallPackages);
        Assert.Equal("uvx", server.McpServer.Command);
        Assert.Equal(["mcp-server-fetch", "--ignore-robots-txt"], server.McpServer.Args);
    }

    [Fact]
    public void Uvx_from_names_the_package_and_with_adds_more_in_pip_spelling()
    {
        var server = Single(ClaudeEntry("git", "uvx", "--python", "3.12", "--from", "mcp-server-git@0.6.2", "--with=gitpython", "mcp-server-git", "--repository", "/repo"));

        Assert.Equal("3.12", server.Runtime!.Version);
        Assert.Equal(["mcp-server-git==0.6.2", "gitpython"], server.Runtime.PreinstallPackages);
        Assert.Equal(["--python", "3.12", "--from", "mcp-server-git@0.6.2", "--with=gitpython", "mcp-server-git", "--repository", "/repo"], server.McpServer.Args);
    }

    [Theory]
    [InlineData("mcp-server-time@latest", "mcp-server-time")]
    [InlineData("mcp-server-time==2025.1.1", "mcp-server-time==2025.1.1")]
    [InlineData("git+https://github.com/org/mcp-x@v1", "git+https://github.com/org/mcp-x@v1")]
    public void Uvx_package_pins_are_rewritten_for_pip(string spec, string requirement)
    {
        var server = Single(ClaudeEntry("s", "uvx", spec));

        Assert.Equal([requirement], server.Runtime!.PreinstallPackages);
    }

    [Theory]
    [InlineData("npx", "./my-server")]
    [InlineData("npx", "/opt/servers/weather")]
    [InlineData("uvx", "file:///home/ada/weather")]
    [InlineData("uvx", @"C:\servers\weather")]
    public void Package_on_this_machine_is_refused(string runner, string spec)
    {
        var error = Refused(ClaudeEntry("weather", runner, spec));

        Names(error, "mcpServers.weather.args[0]", "'weather'", "from this machine");
    }

    [Fact]
    public void Unknown_npx_option_is_refused_naming_it()
    {
        var error = Refused(ClaudeEntry("s", "npx", "--registry=https://npm.example.com", "pkg"));

        Names(error, "mcpServers.s.args[0]", "'--registry'");
    }

    [Fact]
    public void Uvx_python_that_is_not_a_version_is_refused()
    {
        var error = Refused(ClaudeEntry("s", "uvx", "--python", "/usr/bin/python3", "mcp-server-time"));

        Names(error, "mcpServers.s.args[1]", "3.12");
    }

    [Theory]
    [InlineData("node", "/Users/ada/weather/build/index.js")]
    [InlineData("python", "server.py")]
    [InlineData("/Users/ada/bin/weather-mcp", "--stdio")]
    public void Program_from_this_machine_is_refused_pointing_to_a_yaml_image_or_runtime(string command, string arg)
    {
        var error = Refused(ClaudeEntry("weather", command, arg));

        Names(error, "mcpServers.weather.command", "'weather'", command, "cannot be moved into a container", "image:", "runtime:");
    }
}
