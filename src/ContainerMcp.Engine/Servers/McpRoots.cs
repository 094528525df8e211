using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Servers;

/// <summary>The roots a server is offered: the container paths of its mounts (volumes, then the state volume), as file:// URIs.
/// Host paths never leave: a root names the path the server sees.</summary>
public static class McpRoots
{
    public static IReadOnlyList<McpRoot> Of(ContainerLaunchSpec container)
    {
        var paths = container.Volumes.Select(v => BindSpec.Split(v)?.Target).OfType<string>().ToList();
        if (container.StatePath is { Length: > 0 } state) paths.Add(state);
        return paths.Distinct(StringComparer.Ordinal)
            .Select(p => new McpRoot(new Uri("file://" + p).AbsoluteUri, p == container.StatePath ? $"state ({p})" : p)).ToList();
    }
}
