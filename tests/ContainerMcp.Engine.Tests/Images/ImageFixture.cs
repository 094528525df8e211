using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Images;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Images;

/// <summary>
/// Image tests share the base images made from the host's runtimes (costly to make, safe to reuse: their tag is
/// their content hash). What the tests made is removed at the end: server images by each test, bases made during the
/// run here; bases that were there before are left for the next run.
/// </summary>
public sealed class ImageFixture : IAsyncLifetime
{
    private HashSet<string> _before = [];

    public DockerClient Docker { get; } = DockerClient.FromEnvironment();
    public McpImageBuilder Builder => new(Docker);
    public McpImageCatalog Catalog => new(Docker);

    /// <summary>A repository no other test or run uses.</summary>
    public static string UniqueRepository(string prefix) => $"containermcp-test/{prefix}-{Guid.NewGuid().ToString("n")[..8]}";

    public async Task InitializeAsync() => _before = (await Catalog.ListAsync()).Select(i => i.Name).ToHashSet();

    public async Task DisposeAsync()
    {
        foreach (var image in (await Catalog.ListAsync()).Where(i => i.Role == ImageLabels.BaseRole && !_before.Contains(i.Name)))
            await RemoveQuietlyAsync(image.Name);
        Docker.Dispose();
    }

    /// <summary>Removes an image a test made, with every tag it has (its <c>latest</c> too); one already gone is fine.</summary>
    public async Task RemoveQuietlyAsync(string image)
    {
        try
        {
            var tags = (await Docker.InspectImageAsync(image)).RepoTags ?? [];
            foreach (var tag in tags.Count > 0 ? tags : [image]) await Docker.RemoveImageAsync(tag, force: true);
        }
        catch (DockerImageNotFoundException) { }
    }
}
