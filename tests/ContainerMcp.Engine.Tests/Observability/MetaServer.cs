using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Observability;

/// <summary>tests/rig/servers/meta-server.js on the node image: it answers with the _meta and TRACEPARENT it received.</summary>
public static class MetaServer
{
    private static readonly string ServersDir = Path.Combine(RepoPaths.Root, "tests", "rig", "servers");

    public static McpServerDefinition Definition(EngineFixture fixture, string prefix) =>
        new(EngineFixture.UniqueName(prefix), new ContainerLaunchSpec
        {
            Image = fixture.Rig.NodeImage, // its entrypoint is node
            Command = ["/srv/meta-server.js"],
            Volumes = [$"{ServersDir}:/srv:ro"],
        });
}
