using ContainerMcp.Engine.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerMcp.Engine.Tests.Config;

public sealed class YamlWriterTests
{
    private const string File = "servers.yaml";

    [Fact]
    public void Full_example_round_trips_to_an_equal_configuration()
    {
        var original = McpConfigYamlReader.Read(YamlReaderTests.FullExample, File);

        var reread = McpConfigYamlReader.Read(McpConfigYamlWriter.Write(original), File);

        AssertSameServers(original, reread);
    }

    [Fact]
    public void Rewriting_what_was_read_gives_the_same_text()
    {
        var written = McpConfigYamlWriter.Write(McpConfigYamlReader.Read(YamlReaderTests.FullExample, File));

        Assert.Equal(written, McpConfigYamlWriter.Write(McpConfigYamlReader.Read(written, File)));
    }

    [Fact]
    public void Unset_members_are_left_out()
    {
        var written = McpConfigYamlWriter.Write([new McpServerConfig { Name = "a", Image = "alpine", Source = new ConfigSource(File, 7) }]);

        Assert.Equal("servers:\n  - name: a\n    image: alpine\n", written.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Settings_equal_to_a_default_but_set_are_written()
    {
        var server = new McpServerConfig { Name = "a", Image = "alpine", ReadOnly = false };

        var written = McpConfigYamlWriter.Write([server]);

        Assert.Contains("read_only: false", written);
        Assert.False(Assert.Single(McpConfigYamlReader.Read(written, File)).ReadOnly);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("3.12")]
    [InlineData("2024-01-01")]
    [InlineData("10001:10001")]
    [InlineData("${env:PG_PASSWORD}")]
    [InlineData("a: b")]
    [InlineData("x #y")]
    [InlineData("#x")]
    [InlineData("-v")]
    [InlineData("[x]")]
    [InlineData("@scope/pkg")]
    [InlineData("*star")]
    [InlineData(" padded ")]
    [InlineData("two\nlines")]
    public void Strings_yaml_would_misread_are_quoted_and_read_back_unchanged(string text)
    {
        var server = new McpServerConfig
        {
            Name = "a",
            Image = "alpine",
            User = text,
            McpServer = new McpProcessConfig { Args = [text], Env = new Dictionary<string, string> { ["V"] = text } },
        };

        var written = McpConfigYamlWriter.Write([server]);

        var reread = Assert.Single(McpConfigYamlReader.Read(written, File));
        AssertSameServer(server, reread);
        // Any YAML reader, not only ours, must see a string: no plain (unquoted) scalar holds the text.
        var stream = new YamlStream();
        stream.Load(new StringReader(written));
        var scalars = stream.Documents[0].AllNodes.OfType<YamlScalarNode>().Where(n => n.Value == text).ToList();
        Assert.Equal(3, scalars.Count);
        Assert.All(scalars, n => Assert.NotEqual(ScalarStyle.Plain, n.Style));
    }

    [Fact]
    public void Empty_environment_value_round_trips()
    {
        var server = new McpServerConfig
        {
            Name = "a",
            Image = "alpine",
            McpServer = new McpProcessConfig { Env = new Dictionary<string, string> { ["EMPTY"] = "", ["yes"] = "key that reads as a boolean" } },
        };

        AssertSameServer(server, Assert.Single(McpConfigYamlReader.Read(McpConfigYamlWriter.Write([server]), File)));
    }

    [Theory]
    [InlineData(RuntimeKind.Python, null, LifecycleStrategy.AlwaysOn)]
    [InlineData(RuntimeKind.Node, null, LifecycleStrategy.OnDemand)]
    [InlineData(RuntimeKind.Custom, "./build/Dockerfile", LifecycleStrategy.PreWarmed)]
    public void Every_runtime_kind_and_strategy_round_trips(RuntimeKind kind, string? dockerfile, LifecycleStrategy strategy)
    {
        var server = new McpServerConfig
        {
            Name = "a",
            Runtime = new RuntimeConfig { Kind = kind, Dockerfile = dockerfile },
            Lifecycle = new LifecycleConfig { Strategy = strategy, RotationIntervalHours = 0.5 },
        };

        AssertSameServer(server, Assert.Single(McpConfigYamlReader.Read(McpConfigYamlWriter.Write([server]), File)));
    }

    [Fact]
    public void Base_image_round_trips()
    {
        var server = new McpServerConfig
        {
            Name = "a",
            Runtime = new RuntimeConfig { Kind = RuntimeKind.Node, PreinstallPackages = ["@modelcontextprotocol/server-memory"], BaseImage = "containermcp/node:local" },
        };

        var written = McpConfigYamlWriter.Write([server]);

        Assert.Contains("base_image:", written);
        AssertSameServer(server, Assert.Single(McpConfigYamlReader.Read(written, File)));
    }

    [Fact]
    public void Package_and_a_runtimes_program_round_trip()
    {
        var package = new McpServerConfig { Name = "fs", Package = "@modelcontextprotocol/server-filesystem@2026.8.31", McpServer = new McpProcessConfig { Args = ["/data"] } };
        var runtime = new McpServerConfig { Name = "echo", Runtime = new RuntimeConfig { Kind = RuntimeKind.Python, PreinstallPackages = ["echo-server"], Bin = "echo-server" } };

        var written = McpConfigYamlWriter.Write([package, runtime]);

        Assert.Contains("package: '@modelcontextprotocol/server-filesystem@2026.8.31'", written);
        Assert.Contains("bin: echo-server", written);
        var reread = McpConfigYamlReader.Read(written, File);
        AssertSameServer(package, reread[0]);
        AssertSameServer(runtime, reread[1]);
    }

    [Fact]
    public void Tool_selection_with_only_exclusions_round_trips()
    {
        var server = new McpServerConfig
        {
            Name = "a",
            Image = "alpine",
            McpServer = new McpProcessConfig { Tools = new ToolSelection { Exclude = ["drop*", "delete_?"] } },
        };

        var written = McpConfigYamlWriter.Write([server]);

        Assert.DoesNotContain("include", written);
        AssertSameServer(server, Assert.Single(McpConfigYamlReader.Read(written, File)));
    }

    [Fact]
    public void Internal_network_is_written_as_a_mapping_and_a_plain_one_as_its_name()
    {
        var servers = new[]
        {
            new McpServerConfig { Name = "db", Image = "alpine", Network = "pgnet", InternalNetwork = true },
            new McpServerConfig { Name = "web", Image = "alpine", Network = "bridge" },
        };

        var written = McpConfigYamlWriter.Write(servers).ReplaceLineEndings("\n");

        Assert.Contains("    network:\n      name: pgnet\n      internal: true\n", written);
        Assert.Contains("    network: bridge\n", written);
        var reread = McpConfigYamlReader.Read(written, File);
        AssertSameServer(servers[0], reread[0]);
        AssertSameServer(servers[1], reread[1]);
    }

    [Fact]
    public void Source_is_never_written()
    {
        var written = McpConfigYamlWriter.Write(McpConfigYamlReader.Read(YamlReaderTests.FullExample, File));

        Assert.DoesNotMatch(@"(?im)^\s*-?\s*source:", written);
        Assert.DoesNotContain(File, written);
    }

    private static void AssertSameServers(IReadOnlyList<McpServerConfig> expected, IReadOnlyList<McpServerConfig> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            AssertSameServer(expected[i], actual[i]);
    }

    /// <summary>Member by member, lists and dictionaries by content; <see cref="McpServerConfig.Source"/> is not part of the configuration.</summary>
    private static void AssertSameServer(McpServerConfig expected, McpServerConfig actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Image, actual.Image);
        Assert.Equal(expected.Package, actual.Package);
        Assert.Equal(expected.Runtime is null, actual.Runtime is null);
        if (expected.Runtime is not null)
        {
            Assert.Equal(expected.Runtime.Kind, actual.Runtime!.Kind);
            Assert.Equal(expected.Runtime.Version, actual.Runtime.Version);
            Assert.Equal(expected.Runtime.PreinstallPackages, actual.Runtime.PreinstallPackages);
            Assert.Equal(expected.Runtime.Dockerfile, actual.Runtime.Dockerfile);
            Assert.Equal(expected.Runtime.BaseImage, actual.Runtime.BaseImage);
            Assert.Equal(expected.Runtime.Bin, actual.Runtime.Bin);
        }
        Assert.Equal(expected.McpServer.Transport, actual.McpServer.Transport);
        Assert.Equal(expected.McpServer.Command, actual.McpServer.Command);
        Assert.Equal(expected.McpServer.Args, actual.McpServer.Args);
        Assert.Equal(expected.McpServer.Env, actual.McpServer.Env);
        Assert.Equal(expected.McpServer.TimeoutSeconds, actual.McpServer.TimeoutSeconds);
        Assert.Equal(expected.McpServer.Tools.Include, actual.McpServer.Tools.Include);
        Assert.Equal(expected.McpServer.Tools.Exclude, actual.McpServer.Tools.Exclude);
        Assert.Equal(expected.ResourceLimits, actual.ResourceLimits);
        Assert.Equal(expected.Lifecycle, actual.Lifecycle);
        Assert.Equal(expected.Volumes, actual.Volumes);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Network, actual.Network);
        Assert.Equal(expected.InternalNetwork, actual.InternalNetwork);
        Assert.Equal(expected.User, actual.User);
        Assert.Equal(expected.ReadOnly, actual.ReadOnly);
        Assert.Equal(expected.AllowPlaintextSecrets, actual.AllowPlaintextSecrets);
    }
}
