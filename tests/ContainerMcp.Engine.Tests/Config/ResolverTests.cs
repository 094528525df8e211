using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Engine.Tests.Config;

/// <summary>From a configuration to what the engine launches: unset values keep the hardened defaults.</summary>
public sealed class ResolverTests
{
    [Fact]
    public void Unset_values_keep_every_hardened_default()
    {
        var definition = new McpServerConfigResolver().Resolve(new McpServerConfig { Name = "plain", Image = "img:1" });
        var defaults = new ContainerLaunchSpec { Image = "img:1" };

        Assert.Equal(defaults with
        {
            Environment = definition.Container.Environment, Volumes = definition.Container.Volumes, Labels = definition.Container.Labels,
        }, definition.Container);
        Assert.Empty(definition.Container.Environment);
        Assert.Null(definition.Container.Entrypoint);
        Assert.Null(definition.Container.Command);
        Assert.True(definition.Tools.IsAll);
        Assert.Null(definition.CallTimeout);
        Assert.Equal(16L * 1024 * 1024, definition.MaxMessageBytes);
    }

    [Fact]
    public void Every_setting_reaches_the_launch_spec_and_definition()
    {
        var config = new McpServerConfig
        {
            Name = "full",
            Image = "img:1",
            McpServer = new McpProcessConfig
            {
                Command = "node", Args = ["/app/index.js", "--x"], Env = new Dictionary<string, string> { ["A"] = "1" },
                TimeoutSeconds = 12, Tools = new ToolSelection { Include = ["q*"] },
            },
            ResourceLimits = new ResourceLimitsConfig { CpuCores = 0.5, MemoryMB = 128, Pids = 32, ExecutionTimeoutSeconds = 9, MaxMessageMB = 3 },
            Volumes = ["/data:/data"], Network = "host", User = "1000:1000", ReadOnly = false, State = new StateConfig { Path = "/state" },
        };

        var definition = new McpServerConfigResolver().Resolve(config);
        var spec = definition.Container;

        Assert.Equal(["node"], spec.Entrypoint);
        Assert.Equal(["/app/index.js", "--x"], spec.Command);
        Assert.Equal("1", spec.Environment["A"]);
        Assert.Equal((0.5, 128, 32), (spec.Cpus, spec.MemoryMB, spec.PidsLimit));
        Assert.Equal(["/data:/data"], spec.Volumes);
        Assert.Equal("/state", spec.StatePath);
        Assert.Equal(("host", "1000:1000", false), (spec.Network, spec.User, spec.ReadOnlyRootFilesystem));
        Assert.Equal(TimeSpan.FromSeconds(12), definition.InitializeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), definition.CallTimeout);
        Assert.Equal(3L * 1024 * 1024, definition.MaxMessageBytes);
        Assert.Equal(["q*"], definition.Tools.Include);
        Assert.Same(config, definition.Config);
    }

    [Fact]
    public void Relative_bind_sources_are_taken_next_to_the_configuration_file()
    {
        var config = new McpServerConfig
        {
            Name = "files", Image = "img:1", Volumes = ["./data:/data:ro", "../shared:/shared", "named-volume:/v"],
            Source = new ConfigSource("/etc/containermcp/servers.yaml", 3),
        };

        var spec = new McpServerConfigResolver().Resolve(config).Container;

        Assert.Equal(["/etc/containermcp/data:/data:ro", "/etc/shared:/shared", "named-volume:/v"], spec.Volumes);
    }

    [Fact]
    public void A_state_path_that_cannot_hold_state_is_a_configuration_error()
    {
        // Start-McpServer -StatePath comes this way too, so the parameter is checked before anything starts.
        var config = new McpServerConfig { Name = "memory", Image = "i", State = new StateConfig { Path = "data" } };

        var error = Assert.Throws<McpConfigException>(() => new McpServerConfigResolver().Resolve(config));

        Assert.Equal("state.path", error.Key);
        Assert.Contains("absolute", error.Message);
    }

    [Fact]
    public void Only_the_stdio_transport_is_accepted()
    {
        var config = new McpServerConfig { Name = "web", Image = "i", McpServer = new McpProcessConfig { Transport = "sse" } };
        var error = Assert.Throws<McpConfigException>(() => new McpServerConfigResolver().Resolve(config));
        Assert.Contains("'sse'", error.Message);
    }

    [Fact]
    public void Runtime_without_an_image_is_built_at_start_from_a_recipe_found_next_to_the_file()
    {
        var config = new McpServerConfig
        {
            Name = "built",
            Runtime = new RuntimeConfig { Kind = RuntimeKind.Custom, Dockerfile = "./img/Dockerfile" },
            Source = new ConfigSource("/srv/conf/servers.yaml", 3),
        };

        var definition = new McpServerConfigResolver().Resolve(config);

        Assert.NotNull(definition.Build);
        Assert.Equal(RuntimeKind.Custom, definition.Build!.Kind);
        Assert.Equal(Path.GetFullPath("/srv/conf/img/Dockerfile"), definition.Build.Dockerfile);
    }

    [Fact]
    public void Named_image_needs_no_build()
    {
        Assert.Null(new McpServerConfigResolver().Resolve(new McpServerConfig { Name = "plain", Image = "img:1" }).Build);
    }
}
