using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Engine.Tests.Images;

/// <summary>Images are named after the package they run, so Get-McpServerImage tells them apart.</summary>
public sealed class PackageNamesTests
{
    [Theory]
    [InlineData("@modelcontextprotocol/server-memory", RuntimeKind.Node, "containermcp/server-memory")]
    [InlineData("@modelcontextprotocol/server-memory@2026.8.31", RuntimeKind.Node, "containermcp/server-memory")]
    [InlineData("left-pad@^1", RuntimeKind.Node, "left-pad")]
    [InlineData("mcp-server-git==0.6.2", RuntimeKind.Python, "containermcp/mcp-server-git")]
    [InlineData("Mcp_Server.Fetch[extra]>=1", RuntimeKind.Python, "containermcp/mcp-server-fetch")]
    [InlineData("/wheels/echo_server-0.1.0-py3-none-any.whl", RuntimeKind.Python, "containermcp/echo-server")]
    [InlineData("./dist/echo-server-0.1.0.tar.gz", RuntimeKind.Python, "containermcp/echo-server")]
    [InlineData("git+https://github.com/org/mcp-x.git@v1", RuntimeKind.Python, "containermcp/mcp-x")]
    public void Repository_is_named_after_the_first_package(string spec, RuntimeKind kind, string expected)
    {
        var repository = PackageNames.Repository([spec, "other"], kind);

        Assert.Equal(expected.Contains('/') ? expected : $"containermcp/{expected}", repository);
    }

    [Fact]
    public void No_package_keeps_the_runtimes_repository()
    {
        Assert.Equal("containermcp/mcp-node", new ImageRecipe { Kind = RuntimeKind.Node }.RepositoryOrDefault);
        Assert.Equal("my/own", new ImageRecipe { Kind = RuntimeKind.Node, Packages = ["x"], Repository = "my/own" }.RepositoryOrDefault);
    }

    [Theory]
    [InlineData("/wheels/x-1.0-py3-none-any.whl", true)]
    [InlineData("./x-1.0.tar.gz", true)]
    [InlineData("https://example.com/x-1.0.tar.gz", false)]
    [InlineData("mcp-server-fetch", false)]
    public void Package_archives_on_this_machine_are_recognised(string spec, bool expected) =>
        Assert.Equal(expected, PackageNames.IsLocalArchive(spec));
}
