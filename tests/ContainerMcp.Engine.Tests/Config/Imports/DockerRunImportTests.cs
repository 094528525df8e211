using ContainerMcp.Engine.Config;
using static ContainerMcp.Engine.Tests.Config.Imports.ImportAssert;

namespace ContainerMcp.Engine.Tests.Config.Imports;

public sealed class DockerRunImportTests
{
    [Fact]
    public void GitHub_server_takes_its_image_and_the_token_named_with_dash_e_from_the_entry_env()
    {
        var server = Single("""
            {
              "mcpServers": {
                "github": {
                  "command": "docker",
                  "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
                  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_example", "DOCKER_HOST": "unix:///run/user/1000/docker.sock" }
                }
              }
            }
            """);

        Assert.Equal("github", server.Name);
        Assert.Equal("ghcr.io/github/github-mcp-server", server.Image);
        Assert.Null(server.Runtime);
        Assert.Null(server.McpServer.Command);
        Assert.Empty(server.McpServer.Args);
        // DOCKER_HOST was for the docker CLI; only the variable passed with -e reaches the server.
        Assert.Equal(new Dictionary<string, string> { ["GITHUB_PERSONAL_ACCESS_TOKEN"] = "ghp_example" }, server.McpServer.Env);
        Assert.Equal(new ConfigSource(FileName, 0), server.Source);
    }

    [Fact]
    public void Variable_named_with_dash_e_but_absent_from_env_is_taken_from_the_environment()
    {
        var server = Single(ClaudeEntry("github", "docker", "run", "-i", "--rm", "-e", "GITHUB_TOKEN", "ghcr.io/github/github-mcp-server"));

        Assert.Equal("${env:GITHUB_TOKEN}", server.McpServer.Env["GITHUB_TOKEN"]);
    }

    [Fact]
    public void Filesystem_server_mounts_become_volume_strings_with_their_mode_written_out()
    {
        var server = Single("""
            {
              "mcpServers": {
                "filesystem": {
                  "command": "docker",
                  "args": [
                    "run", "-i", "--rm",
                    "--mount", "type=bind,src=/Users/ada/Desktop,dst=/projects/Desktop",
                    "--mount", "type=bind,source=/Users/ada/notes,target=/projects/notes,readonly",
                    "--mount=type=bind,src=/Users/ada/todo.txt,dst=/projects/todo.txt,ro",
                    "mcp/filesystem", "/projects"
                  ]
                }
              }
            }
            """);

        Assert.Equal("mcp/filesystem", server.Image);
        Assert.Equal(
            ["/Users/ada/Desktop:/projects/Desktop:rw", "/Users/ada/notes:/projects/notes:ro", "/Users/ada/todo.txt:/projects/todo.txt:ro"],
            server.Volumes);
        Assert.Equal(["/projects"], server.McpServer.Args);
    }

    [Fact]
    public void Every_translated_option_lands_on_its_setting_in_both_spellings()
    {
        var server = Single(ClaudeEntry("postgres", "/usr/local/bin/docker",
            "run", "-it", "--rm", "--init", "--pull=always", "--name", "pg-mcp",
            "-e", "PGHOST=db", "--env=PGPORT=5432", "-ePGUSER=reader",
            "-v", "/srv/data:/data:ro", "--volume=pgcache:/cache",
            "--network", "bridge", "-m", "1g", "--cpus=0.5", "--pids-limit", "64",
            "-u", "1000:1000", "--read-only", "--entrypoint", "/bin/mcp-postgres",
            "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
            "mcp/postgres", "--read-only-tools", "postgresql://db/app"));

        Assert.Equal("mcp/postgres", server.Image);
        Assert.Equal(new Dictionary<string, string> { ["PGHOST"] = "db", ["PGPORT"] = "5432", ["PGUSER"] = "reader" }, server.McpServer.Env);
        Assert.Equal(["/srv/data:/data:ro", "pgcache:/cache"], server.Volumes);
        Assert.Equal("bridge", server.Network);
        Assert.Equal(1024, server.ResourceLimits.MemoryMB);
        Assert.Equal(0.5, server.ResourceLimits.CpuCores);
        Assert.Equal(64, server.ResourceLimits.Pids);
        Assert.Equal("1000:1000", server.User);
        Assert.True(server.ReadOnly);
        Assert.Equal("/bin/mcp-postgres", server.McpServer.Command);
        // Options after the image belong to the server, even when they look like docker's.
        Assert.Equal(["--read-only-tools", "postgresql://db/app"], server.McpServer.Args);
    }

    [Fact]
    public void Unset_options_keep_the_hardened_defaults()
    {
        var server = Single(ClaudeEntry("time", "docker", "run", "-i", "--rm", "mcp/time"));

        Assert.Null(server.Network);
        Assert.Null(server.ReadOnly);
        Assert.Null(server.User);
        Assert.Empty(server.Volumes);
        Assert.Equal(new ResourceLimitsConfig(), server.ResourceLimits);
    }

    [Theory]
    [InlineData("512m", 512)]
    [InlineData("1g", 1024)]
    [InlineData("1.5G", 1536)]
    [InlineData("1024k", 1)]
    [InlineData("1025k", 2)]
    [InlineData("536870912", 512)]
    [InlineData("536870913", 513)]
    [InlineData("256MiB", 256)]
    [InlineData("300mb", 300)]
    public void Memory_sizes_convert_to_megabytes_rounding_up(string size, int megabytes)
    {
        var server = Single(ClaudeEntry("s", "docker", "run", "-i", "--memory", size, "img"));

        Assert.Equal(megabytes, server.ResourceLimits.MemoryMB);
    }

    [Theory]
    [InlineData("podman")]
    [InlineData(@"C:\Program Files\Docker\Docker\resources\bin\docker.exe")]
    public void Podman_and_docker_by_full_path_read_the_same(string command)
    {
        var server = Single(ClaudeEntry("time", command, "container", "run", "-i", "--rm", "mcp/time", "--local-timezone=UTC"));

        Assert.Equal("mcp/time", server.Image);
        Assert.Equal(["--local-timezone=UTC"], server.McpServer.Args);
    }

    [Fact]
    public void Empty_entrypoint_makes_the_first_command_word_the_program()
    {
        var server = Single(ClaudeEntry("py", "docker", "run", "-i", "--entrypoint", "", "python:3.12-slim", "python", "-m", "mcp_server_time"));

        Assert.Equal("python", server.McpServer.Command);
        Assert.Equal(["-m", "mcp_server_time"], server.McpServer.Args);
    }

    [Theory]
    [InlineData("--privileged", "every capability")]
    [InlineData("--cap-add=SYS_ADMIN", "capability")]
    [InlineData("--security-opt=seccomp=unconfined", "confinement")]
    [InlineData("--pid=host", "namespace")]
    [InlineData("--ipc=host", "namespace")]
    [InlineData("--device=/dev/fuse", "device")]
    [InlineData("-p=8080:8080", "port")]
    [InlineData("--publish=8080:8080", "port")]
    [InlineData("-d", "detached")]
    [InlineData("--env-file=.env", "${env:NAME}")]
    [InlineData("--workdir=/app", "does not guess")]
    [InlineData("--network=container:db", "network namespace")]
    [InlineData("--pids-limit=-1", "limits the number of processes")]
    public void Options_that_loosen_or_escape_the_container_are_refused_naming_server_and_option(string option, string why)
    {
        var error = Refused(ClaudeEntry("risky", "docker", "run", "-i", "--rm", option, "mcp/time"));

        Names(error, "mcpServers.risky.args[3]", "'risky'", option.Split('=')[0], why);
    }

    [Fact]
    public void Refused_short_option_inside_a_group_is_named_on_its_own()
    {
        var error = Refused(ClaudeEntry("bg", "docker", "run", "-itd", "mcp/time"));

        Names(error, "mcpServers.bg.args[1]", "'-d'", "detached");
    }

    [Fact]
    public void Refused_switch_turned_off_is_harmless_and_accepted()
    {
        var server = Single(ClaudeEntry("time", "docker", "run", "-i", "--privileged=false", "mcp/time"));

        Assert.Equal("mcp/time", server.Image);
    }

    [Theory]
    [InlineData("type=tmpfs,target=/cache", "only bind and volume mounts")]
    [InlineData("type=bind,src=/a,dst=/b,bind-propagation=rshared", "bind-propagation")]
    [InlineData("type=bind,dst=/b", "no source")]
    public void Mounts_that_are_not_plain_binds_or_volumes_are_refused(string mount, string why)
    {
        var error = Refused(ClaudeEntry("fs", "docker", "run", "-i", "--mount", mount, "mcp/filesystem"));

        Names(error, "mcpServers.fs.args[3]", "'fs'", why);
    }

    [Fact]
    public void Env_option_without_a_name_is_refused_without_repeating_its_value()
    {
        var error = Refused(ClaudeEntry("s", "docker", "run", "-i", "-e", "=ghp_example", "img"));

        Names(error, "mcpServers.s.args[3]", "'s'", "names no variable");
        Assert.DoesNotContain("ghp_example", error.Message);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("0")]
    public void Memory_that_is_not_a_size_is_refused(string size)
    {
        var error = Refused(ClaudeEntry("s", "docker", "run", "-i", "-m", size, "img"));

        Names(error, "mcpServers.s.args[3]", "memory size");
    }

    [Fact]
    public void Docker_command_other_than_run_is_refused()
    {
        var error = Refused(ClaudeEntry("s", "docker", "compose", "run", "mcp"));

        Names(error, "mcpServers.s.args[0]", "docker run");
    }

    [Fact]
    public void Run_line_without_an_image_is_refused()
    {
        var error = Refused(ClaudeEntry("s", "docker", "run", "-i", "--rm"));

        Names(error, "mcpServers.s.args", "no image");
    }

    [Fact]
    public void Option_missing_its_value_is_refused()
    {
        var error = Refused(ClaudeEntry("s", "docker", "run", "-i", "--memory"));

        Names(error, "mcpServers.s.args[2]", "'--memory' needs a value");
    }
}
