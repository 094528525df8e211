using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>The roots a server is offered (roots/list), read from its launch spec.</summary>
public sealed class McpRootsTests
{
    [Fact]
    public void Roots_are_the_container_paths_of_the_mounts_never_the_host_side()
    {
        var spec = new ContainerLaunchSpec
        {
            Image = "x",
            Volumes = [@"C:\data:/data:ro", "/home/me/src:/work/src", "named-volume:/cache:rw"],
            StatePath = "/state",
        };

        var roots = McpRoots.Of(spec);

        Assert.Equal(["file:///data", "file:///work/src", "file:///cache", "file:///state"], roots.Select(r => r.Uri));
        Assert.Equal("state (/state)", roots[^1].Name);
        Assert.DoesNotContain(roots, r => r.Uri.Contains("home", StringComparison.Ordinal) || r.Name.Contains("C:", StringComparison.Ordinal));
    }
}
