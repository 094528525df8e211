using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Images;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using ContainerMcp.Engine.Tests.Servers;

namespace ContainerMcp.Engine.Tests.Images;

/// <summary>
/// Images built through the Engine API with no registry: bases made from the host's node and python, npm packages
/// resolved on the host, reuse by content hash, and the clear failures of what cannot work offline.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ImageBuildTests(EngineFixture engine, ImageFixture images) : IClassFixture<ImageFixture>
{
    private static readonly string ServersDir = Path.Combine(RepoPaths.Root, "tests", "rig", "servers");

    [Fact]
    public async Task Node_image_with_a_preinstalled_package_starts_as_an_MCP_server_and_is_reused_unchanged()
    {
        var recipe = new ImageRecipe
        {
            Kind = RuntimeKind.Node,
            Packages = ["@modelcontextprotocol/server-memory"],
            Repository = ImageFixture.UniqueRepository("memory"),
        };
        var built = await images.Builder.BuildAsync(recipe);
        try
        {
            Assert.False(built.Reused);
            Assert.StartsWith(recipe.Repository + ":", built.Name);
            var inspected = await images.Docker.InspectImageAsync(built.Name);
            Assert.Equal($"{ImageLabels.UserId}:{ImageLabels.UserId}", inspected.Config!.User);
            Assert.Equal("true", inspected.Config.Labels![ImageLabels.Managed]);

            var server = await engine.Registry.StartAsync(new McpServerDefinition(
                EngineFixture.UniqueName("memory"), new ContainerLaunchSpec { Image = built.Name }));
            try
            {
                var tools = (await server.ListToolsAsync()).Select(t => t.Name).ToList();
                Assert.Contains("create_entities", tools);
                Assert.Contains("read_graph", tools);
            }
            finally
            {
                await engine.Registry.StopAsync(server.Name);
            }

            var progress = new List<string>();
            var again = await images.Builder.BuildAsync(recipe, new Collector(progress));
            Assert.True(again.Reused);
            Assert.Equal(built.Id, again.Id);
            Assert.Equal(built.Name, again.Name);
            Assert.DoesNotContain(progress, line => line.StartsWith("npm install") || line.StartsWith("Step "));
        }
        finally
        {
            await images.RemoveQuietlyAsync(built.Name);
        }
    }

    [Fact]
    public async Task Changed_definition_gets_a_new_tag()
    {
        var repository = ImageFixture.UniqueRepository("changed");
        var onHostNode = await images.Builder.BuildAsync(new ImageRecipe { Kind = RuntimeKind.Node, Repository = repository });
        var onRigNode = await images.Builder.BuildAsync(new ImageRecipe { Kind = RuntimeKind.Node, Repository = repository, BaseImage = engine.Rig.NodeImage });
        try
        {
            Assert.False(onRigNode.Reused);
            Assert.NotEqual(onHostNode.Tag, onRigNode.Tag);
            Assert.NotEqual(onHostNode.Id, onRigNode.Id);
            Assert.Equal(engine.Rig.NodeImage, onRigNode.BaseImage);
        }
        finally
        {
            await images.RemoveQuietlyAsync(onHostNode.Name);
            await images.RemoveQuietlyAsync(onRigNode.Name);
        }
    }

    [Fact]
    public async Task Python_runtime_without_an_image_is_built_at_start_from_the_host_python_and_serves_a_stdlib_server()
    {
        var config = new McpServerConfig
        {
            Name = EngineFixture.UniqueName("py-echo"),
            Runtime = new RuntimeConfig { Kind = RuntimeKind.Python },
            McpServer = new McpProcessConfig { Args = ["/srv/echo-server.py"] },
            Volumes = [$"{ServersDir}:/srv:ro"],
        };
        var definition = new McpServerConfigResolver().Resolve(config);
        Assert.NotNull(definition.Build);

        var progress = new List<string>();
        var server = await engine.Registry.StartAsync(definition, new Collector<string>(progress));
        try
        {
            var result = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "from the image")));
            Assert.Contains("from the image (python 3.", result.Text);
            Assert.StartsWith("containermcp/mcp-python:", server.Image);
            Assert.Contains(progress, line => line.Contains("python", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await engine.Registry.StopAsync(server.Name);
            await images.RemoveQuietlyAsync(server.Image);
        }
    }

    [Fact]
    public async Task Python_image_with_packages_fails_naming_the_package_and_suggesting_a_base_image()
    {
        var recipe = new ImageRecipe { Kind = RuntimeKind.Python, Packages = ["mcp-server-fetch"], Repository = ImageFixture.UniqueRepository("pyfetch") };

        var error = await Assert.ThrowsAsync<McpImageException>(() => images.Builder.BuildAsync(recipe));

        Assert.Contains("'mcp-server-fetch'", error.Message);
        Assert.Contains("base_image", error.Message);
        Assert.DoesNotContain(await images.Catalog.ListAsync(), i => i.Name.StartsWith(recipe.Repository!));
    }

    [Fact]
    public async Task Custom_dockerfile_is_built_and_any_change_to_its_context_is_a_new_tag()
    {
        var directory = Directory.CreateTempSubdirectory("containermcp-custom-");
        var repository = ImageFixture.UniqueRepository("custom");
        var made = new List<string>();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Dockerfile"),
                $"FROM {engine.Rig.NodeImage}\nCOPY hello.js /app/hello.js\nCMD [\"/app/hello.js\"]\n");
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "hello.js"), "console.log('one')\n");
            var recipe = new ImageRecipe { Kind = RuntimeKind.Custom, Dockerfile = Path.Combine(directory.FullName, "Dockerfile"), Repository = repository };

            var first = await images.Builder.BuildAsync(recipe);
            made.Add(first.Name);
            Assert.True((await images.Builder.BuildAsync(recipe)).Reused);

            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "hello.js"), "console.log('two')\n");
            var second = await images.Builder.BuildAsync(recipe);
            made.Add(second.Name);
            Assert.False(second.Reused);
            Assert.NotEqual(first.Tag, second.Tag);
        }
        finally
        {
            foreach (var image in made) await images.RemoveQuietlyAsync(image);
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Custom_dockerfile_on_a_base_that_is_not_local_fails_before_building_and_pulls_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("containermcp-custom-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Dockerfile"), "FROM containermcp-test/not-here:1 AS build\nFROM build\n");
            var recipe = new ImageRecipe { Kind = RuntimeKind.Custom, Dockerfile = Path.Combine(directory.FullName, "Dockerfile") };

            var error = await Assert.ThrowsAsync<McpImageException>(() => images.Builder.BuildAsync(recipe));

            Assert.Contains("'containermcp-test/not-here:1' is not in the Docker engine's local store", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Pull_with_no_registry_reachable_says_so_and_what_to_do_instead()
    {
        // A registry on a closed loopback port: the daemon tries, and nothing leaves this machine.
        var error = await Assert.ThrowsAsync<DockerPullException>(() => images.Docker.PullImageAsync("127.0.0.1:9/containermcp-test/none:1"));

        Assert.True(error.RegistryUnreachable);
        Assert.Contains("no container registry is reachable", error.Message);
        Assert.Equal(NextStep.BuildFromRuntime, error.NextStep); // the module names the cmdlet (Pester: Request-McpServerImage)
        Assert.Equal(EngineErrorKind.Unreachable, error.Kind);
        Assert.Contains("base_image", error.Message);
    }

    [Fact]
    public async Task Removed_image_is_gone_and_images_not_made_here_are_refused()
    {
        var built = await images.Builder.BuildAsync(new ImageRecipe { Kind = RuntimeKind.Node, BaseImage = engine.Rig.NodeImage, Repository = ImageFixture.UniqueRepository("remove") });
        try
        {
            var listed = Assert.Single(await images.Catalog.ListAsync(), i => i.Name == built.Name);
            Assert.Equal("node", listed.Runtime);
            Assert.False(listed.InUse);
            Assert.Contains(await images.Catalog.ListUnusedAsync(), i => i.Name == built.Name);

            await images.Catalog.RemoveAsync(built.Name);

            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => images.Docker.InspectImageAsync(built.Name));
            var refused = await Assert.ThrowsAsync<McpImageException>(() => images.Catalog.RemoveAsync(engine.Rig.NodeImage));
            Assert.Contains("not made by ContainerMcp", refused.Message);
            await images.Docker.InspectImageAsync(engine.Rig.NodeImage);
        }
        finally
        {
            await images.RemoveQuietlyAsync(built.Name);
        }
    }

    private sealed class Collector(List<string> lines) : IProgress<DockerProgress>
    {
        public void Report(DockerProgress value) { lock (lines) lines.Add(value.Text); }
    }

    private sealed class Collector<T>(List<T> lines) : IProgress<T>
    {
        public void Report(T value) { lock (lines) lines.Add(value); }
    }
}
