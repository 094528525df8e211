using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>
/// Shared by every test that needs the real engine: one Docker client, one registry, one everything server
/// started once. Tests that break or stop servers start their own. Disposal stops them all.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public Rig Rig { get; } = Rig.Load();
    public DockerClient Docker { get; } = DockerClient.FromEnvironment();
    public McpServerRegistry Registry { get; private set; } = null!;

    /// <summary>A server-everything started once for the read-only tests.</summary>
    public ManagedServer Everything { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Registry = new McpServerRegistry(Docker);
        Everything = await Registry.StartAsync(EverythingDefinition("everything-shared"));
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        Docker.Dispose();
    }

    public McpServerDefinition EverythingDefinition(string name) =>
        new(name, new ContainerLaunchSpec { Image = Rig.EverythingImage });

    public McpServerDefinition NodeDefinition(string name, params string[] nodeArguments) =>
        new(name, new ContainerLaunchSpec { Image = Rig.NodeImage, Command = nodeArguments });

    /// <summary>The containers, running or not, that carry this server name's label.</summary>
    public Task<IReadOnlyList<global::Docker.DotNet.Models.ContainerListResponse>> ContainersOfAsync(string serverName) =>
        Docker.ListContainersAsync(new Dictionary<string, string?> { [ContainerLabels.Server] = serverName });

    /// <summary>True once the daemon no longer knows the container.</summary>
    public async Task<bool> IsRemovedAsync(string containerId)
    {
        try { await Docker.InspectContainerAsync(containerId); return false; }
        catch (DockerContainerNotFoundException) { return true; }
    }

    /// <summary>A unique server name per test, so tests never collide in the shared registry.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("n")[..8]}";
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
