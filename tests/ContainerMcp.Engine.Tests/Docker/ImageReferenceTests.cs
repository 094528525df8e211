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

/// <summary>Docker's reference grammar (distribution/reference), checked before the daemon is asked.</summary>
public sealed class ImageReferenceGrammarTests
{
    private const string Sha256 = "sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    [Theory]
    [InlineData("node", null, "node", null, null)]
    [InlineData("test_com", null, "test_com", null, null)]
    [InlineData("containermcp/node:local", null, "containermcp/node", "local", null)]
    [InlineData("docker.io/library/ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", null)]
    [InlineData("localhost/server", "localhost", "server", null, null)]
    [InlineData("localhost:5000/team/server:1.2", "localhost:5000", "team/server", "1.2", null)]
    [InlineData("127.0.0.1:5000/a/b", "127.0.0.1:5000", "a/b", null, null)]
    [InlineData("[::1]:5000/repo", "[::1]:5000", "repo", null, null)]
    [InlineData("foo_bar.com:8080", null, "foo_bar.com", "8080", null)]
    [InlineData("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag", null)]
    [InlineData("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app", "test.example.com", null)]
    [InlineData("a__b/c---d/e.f_g", null, "a__b/c---d/e.f_g", null, null)]
    [InlineData("Registry/repo", "Registry", "repo", null, null)] // capitals make the first component a registry, as Docker reads it
    [InlineData("repo@" + Sha256, null, "repo", null, Sha256)]
    [InlineData("localhost:5000/repo:tag@" + Sha256, "localhost:5000", "repo", "tag", Sha256)]
    [InlineData("sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null, "sha256", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)] // an image id reads as a name
    public void Accepts_what_Docker_accepts_and_splits_it(string reference, string? registry, string repository, string? tag, string? digest)
    {
        var parsed = ImageReference.Parse(reference);

        Assert.Equal(new ImageReference(registry, repository, tag, digest), parsed);
        Assert.Equal(reference, parsed.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("my image", "white space")]
    [InlineData(":justtag", "repository name is missing")]
    [InlineData("@" + Sha256, "repository name is missing")]
    [InlineData("Uppercase:tag", "'Uppercase' must be lowercase")]
    [InlineData("team/Server", "'team/Server' must be lowercase")]
    [InlineData("aa/asdf$$^/aa", "'asdf$$^' is not a repository path component")]
    [InlineData("-leading/dash", "'-leading' is not a repository path component")]
    [InlineData("dot/trailing.", "'trailing.' is not a repository path component")]
    [InlineData("bad-.host/repo", "'bad-.host' is not a registry host[:port]")]
    [InlineData("repo:-tag", "the tag '-tag'")]
    [InlineData("repo@sha256:fff", "is not a digest")]
    [InlineData("@modelcontextprotocol/server-memory", "'@modelcontextprotocol' is not a repository path component")]
    public void Refuses_what_Docker_refuses_saying_what_is_wrong(string reference, string problem)
    {
        var error = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(reference));

        Assert.Contains(problem, error.Problem);
        Assert.Contains("A reference reads [registry[:port]/]repository[:tag][@digest]", error.Message);
        Assert.Equal(EngineErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void A_name_longer_than_Docker_allows_is_refused()
    {
        Assert.True(ImageReference.TryParse(new string('a', 255), out _, out _));
        Assert.False(ImageReference.TryParse(new string('a', 256), out _, out var problem));
        Assert.Contains("longer than 255", problem);
    }

    [Theory]
    [InlineData("@modelcontextprotocol/server-memory", true)]
    [InlineData("@modelcontextprotocol/server-memory@0.6.2", true)]
    [InlineData("mcp-server-fetch@1.2.0", true)]
    [InlineData("repo@" + Sha256, false)]
    [InlineData("containermcp/node:local", false)]
    public void Something_that_reads_as_an_npm_package_is_told_how_to_build_an_image_from_it(string reference, bool package)
    {
        Assert.Equal(package, ImageReference.LooksLikePackage(reference));
        if (!package || ImageReference.TryParse(reference, out _, out _)) return;

        var error = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Validate(reference));
        Assert.Equal(NextStep.BuildFromPackage, error.NextStep);
        Assert.Contains("looks like an npm package", error.Message);
    }
}
