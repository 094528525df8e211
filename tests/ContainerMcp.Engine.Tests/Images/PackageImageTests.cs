using System.Diagnostics;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Images;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using ContainerMcp.Engine.Tests.Servers;

namespace ContainerMcp.Engine.Tests.Images;

/// <summary>
/// An image made from a package runs the package's own program, as npx and uvx would, is named after the package,
/// carries its packages and program as labels, and is also tagged <c>latest</c> so scripts can name it stably.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PackageImageTests(EngineFixture engine, ImageFixture images) : IClassFixture<ImageFixture>
{
    private const string Everything = "@modelcontextprotocol/server-everything@2026.8.31";

    [Fact]
    public async Task Npm_package_image_runs_the_packages_program_and_is_labelled_and_tagged_latest()
    {
        Assert.Equal("containermcp/server-everything", ImageRecipe.ForPackage(Everything).RepositoryOrDefault);
        var recipe = ImageRecipe.ForPackage(Everything, ImageFixture.UniqueRepository("everything"));
        var built = await images.Builder.BuildAsync(recipe);
        try
        {
            Assert.Equal("mcp-server-everything", built.Bin);
            Assert.Equal([Everything], built.Packages);
            Assert.True(built.Latest);
            var inspected = await images.Docker.InspectImageAsync(built.Name);
            Assert.Equal(["node", "/app/node_modules/@modelcontextprotocol/server-everything/dist/index.js"], inspected.Config!.Entrypoint);
            Assert.Equal(built.Id, (await images.Docker.InspectImageAsync($"{recipe.Repository}:latest")).ID);

            // No command: the image's entrypoint is the package's program (server-everything defaults to stdio).
            var server = await engine.Registry.StartAsync(new McpServerDefinition(
                EngineFixture.UniqueName("pkg"), new ContainerLaunchSpec { Image = $"{recipe.Repository}:latest" }));
            try
            {
                var result = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "from the package")));
                Assert.Contains("from the package", result.Text);

                // In use: refused whole, with neither of its names gone.
                await Assert.ThrowsAsync<DockerConflictException>(() => images.Catalog.RemoveAsync(built.Name));
                Assert.Equal(built.Id, (await images.Docker.InspectImageAsync(built.Name)).ID);
                Assert.Equal(built.Id, (await images.Docker.InspectImageAsync($"{recipe.Repository}:latest")).ID);
            }
            finally
            {
                await engine.Registry.StopAsync(server.Name);
            }

            var listed = Assert.Single(await images.Catalog.ListAsync(), i => i.Repository == recipe.Repository);
            Assert.Equal(built.Name, listed.Name); // latest is shown on the image, not as an entry of its own
            Assert.True(listed.Latest);
            Assert.Equal("mcp-server-everything", listed.Bin);

            await images.Catalog.RemoveAsync(built.Name);
            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => images.Docker.InspectImageAsync($"{recipe.Repository}:latest"));
        }
        finally
        {
            await images.RemoveQuietlyAsync(built.Name);
        }
    }

    [Fact]
    public async Task Python_package_from_a_wheel_on_this_machine_runs_its_console_script()
    {
        var work = Directory.CreateTempSubdirectory("containermcp-wheel-");
        var config = new McpServerConfig
        {
            Name = EngineFixture.UniqueName("wheel"),
            Runtime = new RuntimeConfig { Kind = RuntimeKind.Python, PreinstallPackages = [await MakeEchoWheelAsync(work.FullName)], Bin = "echo-server" },
        };
        var definition = new McpServerConfigResolver().Resolve(config);
        Assert.Equal("containermcp/echo-server", definition.Build!.RepositoryOrDefault);
        definition = definition with { Build = definition.Build with { Repository = ImageFixture.UniqueRepository("echo-server") } };
        ManagedServer? server = null;
        try
        {
            server = await engine.Registry.StartAsync(definition);
            var result = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "from a wheel")));
            Assert.Contains("from a wheel (python 3.", result.Text);
        }
        finally
        {
            if (server is not null)
            {
                await engine.Registry.StopAsync(server.Name);
                await images.RemoveQuietlyAsync(server.Image);
            }
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Program_asked_for_that_no_package_has_is_refused_naming_the_ones_there_are()
    {
        var work = Directory.CreateTempSubdirectory("containermcp-wheel-");
        try
        {
            var recipe = new ImageRecipe
            {
                Kind = RuntimeKind.Python, Packages = [await MakeEchoWheelAsync(work.FullName)], Bin = "echo", Repository = ImageFixture.UniqueRepository("nobin"),
            };

            var error = await Assert.ThrowsAsync<McpImageException>(() => images.Builder.BuildAsync(recipe));

            Assert.Contains("'echo'", error.Message);
            Assert.Contains("They provide: echo-server", error.Message);
            Assert.DoesNotContain(await images.Catalog.ListAsync(), i => i.Repository == recipe.Repository);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The test rig's stdlib-only echo server packed as a wheel by tests/rig/servers/echo-wheel.py.</summary>
    internal static async Task<string> MakeEchoWheelAsync(string directory)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "rig", "servers", "echo-wheel.py");
        using var process = Process.Start(new ProcessStartInfo("python3", [script, directory]) { RedirectStandardOutput = true })!;
        var path = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return path;
    }
}
