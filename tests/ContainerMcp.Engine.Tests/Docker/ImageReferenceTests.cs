using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("node", "node", "latest")]
    [InlineData("containermcp/mcp-node:0123abcd", "containermcp/mcp-node", "0123abcd")]
    [InlineData("127.0.0.1:5000/team/server", "127.0.0.1:5000/team/server", "latest")]
    [InlineData("127.0.0.1:5000/team/server:2", "127.0.0.1:5000/team/server", "2")]
    [InlineData("server@sha256:abc", "server", "sha256:abc")]
    public void Splits_at_the_tag_not_at_a_registry_port(string image, string repository, string tag)
    {
        Assert.Equal((repository, tag), ImageReference.Split(image));
    }

    [Theory]
    [InlineData("node", "node:latest")]
    [InlineData("node:20", "node:20")]
    [InlineData("127.0.0.1:5000/server", "127.0.0.1:5000/server:latest")]
    [InlineData("server@sha256:abc", "server@sha256:abc")]
    public void Spells_out_the_default_tag_only_when_there_is_none(string image, string expected)
    {
        Assert.Equal(expected, ImageReference.WithTag(image));
    }
}
