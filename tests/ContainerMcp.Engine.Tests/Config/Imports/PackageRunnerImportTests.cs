using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Servers;
using static ContainerMcp.Engine.Tests.Config.Imports.ImportAssert;

namespace ContainerMcp.Engine.Tests.Config.Imports;

public sealed class PackageRunnerImportTests
{
    [Fact]
    public void Npx_package_runs_its_own_program_with_the_arguments_after_it()
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
        Assert.Null(server.Runtime);
        Assert.Equal("@modelcontextprotocol/server-filesystem@2025.8.21", server.Package);
        // No npx in the image: the package's own program is its entrypoint, so no command is set.
        Assert.Null(server.McpServer.Command);
        Assert.Equal(["/Users/ada/Desktop", "/Users/ada/Downloads"], server.McpServer.Args);
        Assert.Equal("--max-old-space-size=256", server.McpServer.Env["NODE_OPTIONS"]);
        Assert.Empty(server.Volumes); // those folders are not on this machine
    }

    [Fact]
    public void Npx_argument_naming_a_folder_on_this_machine_becomes_a_read_only_mount_at_the_same_path()
    {
        var folder = Directory.CreateTempSubdirectory("containermcp-npx-").FullName;
        try
        {
            var server = Single(ClaudeEntry("fs", "npx", "-y", "@modelcontextprotocol/server-filesystem", folder, "/no/such/folder", "--flag"));

            Assert.Equal([$"{folder}:{folder}"], server.Volumes);
            Assert.Equal([folder, "/no/such/folder", "--flag"], server.McpServer.Args);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void Npx_package_option_names_the_packages_and_the_next_word_is_the_program_to_run()
    {
        var server = Single(ClaudeEntry("memory", "npx", "--yes", "--package=@modelcontextprotocol/server-memory", "--", "mcp-server-memory", "--debug"));

        Assert.Null(server.Package);
        Assert.Equal(["@modelcontextprotocol/server-memory"], server.Runtime!.PreinstallPackages);
        Assert.Equal("mcp-server-memory", server.Runtime.Bin);
        Assert.Equal(["--debug"], server.McpServer.Args);
    }

    [Fact]
    public void Npx_started_through_cmd_on_windows_reads_like_npx()
    {
        var server = Single(ClaudeEntry("memory", "cmd", "/c", "npx", "-y", "@modelcontextprotocol/server-memory"));

        Assert.Equal("@modelcontextprotocol/server-memory", server.Package);
        Assert.Null(server.McpServer.Command);
        Assert.Empty(server.McpServer.Args);
    }

    [Fact]
    public void Uvx_runs_the_program_from_its_package_in_a_python_image()
    {
        var server = Single(ClaudeEntry("fetch", "uvx", "mcp-server-fetch", "--ignore-robots-txt"));

        Assert.Null(server.Image);
        Assert.Equal(RuntimeKind.Python, server.Runtime!.Kind);
        Assert.Null(server.Runtime.Version);
        Assert.Equal(["mcp-server-fetch"], server.Runtime.PreinstallPackages);
        Assert.Equal("mcp-server-fetch", server.Runtime.Bin);
        Assert.Null(server.McpServer.Command);
        Assert.Equal(["--ignore-robots-txt"], server.McpServer.Args);
    }

    [Fact]
    public void Uvx_from_names_the_package_and_with_adds_more_in_pip_spelling()
    {
        var server = Single(ClaudeEntry("git", "uvx", "--python", "3.12", "--from", "mcp-server-git@0.6.2", "--with=gitpython", "mcp-server-git", "--repository", "/repo"));

        Assert.Equal("3.12", server.Runtime!.Version);
        Assert.Equal(["mcp-server-git==0.6.2", "gitpython"], server.Runtime.PreinstallPackages);
        Assert.Equal("mcp-server-git", server.Runtime.Bin);
        Assert.Equal(["--repository", "/repo"], server.McpServer.Args);
    }

    [Fact]
    public void Uvx_from_a_wheel_on_this_machine_installs_it_from_there()
    {
        var server = Single(ClaudeEntry("echo", "uvx", "--from", "/wheels/echo_server-0.1.0-py3-none-any.whl", "echo-server"));

        Assert.Equal(["/wheels/echo_server-0.1.0-py3-none-any.whl"], server.Runtime!.PreinstallPackages);
        Assert.Equal("echo-server", server.Runtime.Bin);
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

    [Theory]
    [InlineData("./my-server")]
    [InlineData("/opt/servers/weather")]
    public void Package_given_as_a_path_is_refused_when_the_server_starts(string path)
    {
        var config = new McpServerConfig { Name = "weather", Package = path };

        var error = Assert.Throws<McpConfigException>(() => new McpServerConfigResolver().Resolve(config));

        Assert.Contains($"'{path}' is a path on this machine", error.Message);
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
