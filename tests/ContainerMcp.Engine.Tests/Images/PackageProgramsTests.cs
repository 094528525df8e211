using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Engine.Tests.Images;

/// <summary>Which program of an installed npm package an image runs: npx's choice, read from each package.json's bin.</summary>
public sealed class PackageProgramsTests : IDisposable
{
    private readonly DirectoryInfo _nodeModules = Directory.CreateTempSubdirectory("containermcp-bins-");

    public void Dispose() => _nodeModules.Delete(recursive: true);

    [Theory]
    [InlineData("""{ "bin": { "mcp-server-memory": "dist/index.js" } }""", "mcp-server-memory", "node_modules/@scope/server/dist/index.js")]
    [InlineData("""{ "bin": "./cli.js" }""", "server", "node_modules/@scope/server/cli.js")]
    [InlineData("""{ "bin": { "server-admin": "admin.js", "server": "main.js" } }""", "server", "node_modules/@scope/server/main.js")]
    public void The_only_program_or_the_one_named_like_the_package_is_run(string manifest, string program, string script)
    {
        Package("@scope/server", manifest);

        var chosen = PackagePrograms.Node(_nodeModules.FullName, ImageRecipe.ForPackage("@scope/server@1.0.0"));

        Assert.Equal(program, chosen!.Name);
        Assert.Equal(["node", $"/app/{script}"], chosen.Entrypoint);
    }

    [Fact]
    public void Several_programs_none_named_like_the_package_are_listed_in_the_error()
    {
        Package("tools", """{ "bin": { "tsc": "a.js", "tsserver": "b.js" } }""");

        var error = Assert.Throws<McpImageException>(() => PackagePrograms.Node(_nodeModules.FullName, ImageRecipe.ForPackage("tools")));

        Assert.Contains("tsc, tsserver", error.Message);
        Assert.Contains("bin:", error.Message);
    }

    [Fact]
    public void A_package_without_a_program_is_an_error_when_one_is_required_and_the_bare_runtime_otherwise()
    {
        Package("library", """{ "main": "index.js" }""");

        var error = Assert.Throws<McpImageException>(() => PackagePrograms.Node(_nodeModules.FullName, ImageRecipe.ForPackage("library")));
        Assert.Contains("no program to run", error.Message);
        Assert.Null(PackagePrograms.Node(_nodeModules.FullName, new ImageRecipe { Kind = RuntimeKind.Node, Packages = ["library"] }));
    }

    [Fact]
    public void A_program_asked_for_by_name_may_come_from_any_of_the_packages()
    {
        Package("a", """{ "bin": { "a": "a.js" } }""");
        Package("b", """{ "bin": { "b-cli": "cli.js" } }""");

        var chosen = PackagePrograms.Node(_nodeModules.FullName, new ImageRecipe { Kind = RuntimeKind.Node, Packages = ["a", "b"], Bin = "b-cli" });

        Assert.Equal(["node", "/app/node_modules/b/cli.js"], chosen!.Entrypoint);
    }

    private void Package(string name, string manifest)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_nodeModules.FullName, name));
        File.WriteAllText(Path.Combine(directory.FullName, "package.json"), manifest);
    }
}
