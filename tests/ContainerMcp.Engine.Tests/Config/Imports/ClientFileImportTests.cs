using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Config.Imports;
using static ContainerMcp.Engine.Tests.Config.Imports.ImportAssert;

namespace ContainerMcp.Engine.Tests.Config.Imports;

public sealed class ClientFileImportTests
{
    [Fact]
    public void VS_Code_mcp_json_with_comments_inputs_and_trailing_commas_turns_inputs_into_secrets()
    {
        var server = Single("""
            {
              // Prompted once, kept by VS Code.
              "inputs": [
                { "type": "promptString", "id": "github_token", "description": "GitHub Personal Access Token", "password": true },
              ],
              "servers": {
                "github": {
                  "type": "stdio",
                  "command": "docker",
                  "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "-e", "GITHUB_HOST=${env:GH_HOST}", "ghcr.io/github/github-mcp-server"],
                  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${input:github_token}" },
                },
              },
            }
            """);

        Assert.Equal("${secret:github_token}", server.McpServer.Env["GITHUB_PERSONAL_ACCESS_TOKEN"]);
        Assert.Equal("${env:GH_HOST}", server.McpServer.Env["GITHUB_HOST"]);
    }

    [Fact]
    public void VS_Code_settings_json_servers_under_mcp_are_read()
    {
        var server = Single("""
            {
              "editor.fontSize": 14,
              "mcp": {
                "servers": {
                  "time": { "command": "uvx", "args": ["mcp-server-time", "--local-timezone=${input:tz}"] }
                }
              }
            }
            """);

        Assert.Equal("time", server.Name);
        Assert.Equal(["--local-timezone=${secret:tz}"], server.McpServer.Args);
    }

    [Fact]
    public void Servers_come_back_in_file_order_and_disabled_ones_are_left_out()
    {
        var servers = McpJsonConfigReader.Read("""
            {
              "mcpServers": {
                "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] },
                "old-remote": { "url": "https://mcp.example.com/sse?token=abc", "disabled": true },
                "fetch": { "command": "uvx", "args": ["mcp-server-fetch"], "disabled": false, "autoApprove": ["fetch"] }
              }
            }
            """, FileName);

        Assert.Equal(["memory", "fetch"], servers.Select(s => s.Name));
    }

    [Theory]
    [InlineData("""{ "type": "http", "url": "https://api.example.com/mcp?key=sk-live-123" }""", "type")]
    [InlineData("""{ "type": "sse", "url": "https://api.example.com/sse?key=sk-live-123" }""", "type")]
    [InlineData("""{ "url": "https://api.example.com/mcp?key=sk-live-123" }""", "url")]
    public void Remote_server_is_refused_without_repeating_its_url(string entry, string key)
    {
        var error = Refused($$"""{ "mcpServers": { "remote": {{entry}} } }""");

        Names(error, $"mcpServers.remote.{key}", "'remote'", "only stdio servers");
        Assert.DoesNotContain("sk-live-123", error.Message);
        Assert.DoesNotContain("example.com", error.Message);
    }

    [Fact]
    public void EnvFile_is_refused_naming_the_key()
    {
        var error = Refused("""{ "servers": { "db": { "command": "uvx", "args": ["mcp-server-sqlite"], "envFile": "${workspaceFolder}/.env" } } }""");

        Names(error, "servers.db.envFile", "'db'", "envFile is not supported", "${env:NAME}");
    }

    [Fact]
    public void Client_variable_that_cannot_be_resolved_in_a_container_is_refused()
    {
        var error = Refused("""{ "servers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "${workspaceFolder}"] } } }""");

        Names(error, "servers.fs.args[2]", "${workspaceFolder}", "${env:NAME}");
    }

    [Fact]
    public void Literal_values_are_kept_as_written_for_the_policy_layer_to_judge()
    {
        var server = Single("""{ "mcpServers": { "brave": { "command": "npx", "args": ["-y", "@brave/brave-search-mcp-server"], "env": { "BRAVE_API_KEY": "BSA-literal", "RETRIES": 3 } } } }""");

        Assert.Equal("BSA-literal", server.McpServer.Env["BRAVE_API_KEY"]);
        Assert.Equal("3", server.McpServer.Env["RETRIES"]);
    }

    [Fact]
    public void Same_server_name_in_two_sections_is_refused()
    {
        var error = Refused("""
            {
              "mcpServers": { "time": { "command": "uvx", "args": ["mcp-server-time"] } },
              "servers": { "Time": { "command": "uvx", "args": ["mcp-server-time"] } }
            }
            """);

        Names(error, "servers.Time", "described twice");
    }

    [Fact]
    public void Server_name_with_dots_is_bracketed_in_the_key_path()
    {
        var error = Refused(ClaudeEntry("acme.weather", "node", "index.js"));

        Names(error, "mcpServers[\"acme.weather\"].command");
    }

    [Fact]
    public void Wrong_value_type_is_refused_naming_the_key()
    {
        var error = Refused("""{ "mcpServers": { "time": { "command": "uvx", "args": ["mcp-server-time", 42] } } }""");

        Names(error, "mcpServers.time.args[1]", "expected a string");
    }

    [Fact]
    public void Invalid_json_reports_the_line_it_fails_on()
    {
        var error = Refused("""
            {
              "mcpServers": {
                "time": { "command": "uvx" "args": [] }
              }
            }
            """);

        Assert.Equal(new ConfigSource(FileName, 3), error.Location);
        Assert.StartsWith($"{FileName}:3:", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void Unknown_shape_is_refused_listing_the_shapes_understood()
    {
        var error = Refused("""{ "profiles": { "default": {} } }""");

        Assert.Contains(FileName, error.Message);
        foreach (var shape in (string[])["mcpServers", "\"servers\"", "\"mcp\"", "serverConfigs"])
            Assert.Contains(shape, error.Message);
    }

    [Fact]
    public void Empty_server_list_imports_nothing()
    {
        Assert.Empty(McpJsonConfigReader.Read("""{ "mcpServers": {} }""", FileName));
    }
}
