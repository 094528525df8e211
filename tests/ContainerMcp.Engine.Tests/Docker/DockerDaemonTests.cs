using ContainerMcp.Engine.Docker;
using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Tests.Docker;

[Collection(DockerCollection.Name)]
public sealed class DockerDaemonTests(DockerFixture fixture)
{
    private readonly DockerClient _client = fixture.Client;

    [Fact]
    public async Task Api_version_is_the_daemons_own_when_older_than_ours()
    {
        var daemon = await _client.GetVersionAsync();

        var negotiated = await _client.GetApiVersionAsync();

        Assert.Equal("1.41", daemon.ApiVersion);
        Assert.Equal("1.41", negotiated);
    }

    [Fact]
    public async Task Concurrent_first_calls_agree_on_one_api_version()
    {
        using var client = new DockerClient(fixture.Client.Endpoint);

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetApiVersionAsync()));

        Assert.All(versions, v => Assert.Equal("1.41", v));
    }

    [Fact]
    public async Task Ping_succeeds_against_running_daemon()
    {
        await _client.PingAsync();
    }

    [Fact]
    public async Task Missing_socket_is_reported_as_unreachable_naming_the_endpoint()
    {
        using var client = new DockerClient(DockerEndpoint.Parse("unix:///tmp/nonexistent.sock"));

        var error = await Assert.ThrowsAsync<DockerUnreachableException>(() => client.PingAsync());

        Assert.Contains("unix:///tmp/nonexistent.sock", error.Message);
        Assert.Contains("Is dockerd running", error.Message);
    }

    [Fact]
    public async Task Attach_to_missing_socket_is_reported_as_unreachable()
    {
        using var client = new DockerClient(DockerEndpoint.Parse("unix:///tmp/nonexistent.sock"));

        await Assert.ThrowsAsync<DockerUnreachableException>(() => client.AttachContainerAsync("whatever"));
    }

    [Fact]
    public async Task Creating_from_a_missing_image_names_the_image()
    {
        var error = await Assert.ThrowsAsync<DockerImageNotFoundException>(() => _client.CreateContainerAsync(
            new CreateContainerParameters { Image = "containermcp/does-not-exist:1", Labels = new Dictionary<string, string> { [DockerFixture.TestLabel] = DockerFixture.TestLabelValue } }));

        Assert.Equal("containermcp/does-not-exist:1", error.Image);
        Assert.Contains("'containermcp/does-not-exist:1' is not on this Docker engine", error.Message);
        Assert.Equal(NextStep.BuildOrPullImage, error.NextStep); // the module names its build and pull cmdlets
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("No such image", error.DaemonMessage);
    }

    [Fact]
    public async Task Inspecting_a_missing_image_names_the_image()
    {
        var error = await Assert.ThrowsAsync<DockerImageNotFoundException>(() => _client.InspectImageAsync("containermcp/does-not-exist:1"));

        Assert.Equal("containermcp/does-not-exist:1", error.Image);
    }

    [Fact]
    public async Task Inspecting_a_local_image_with_a_repository_path_returns_its_tags()
    {
        var image = await _client.InspectImageAsync(DockerFixture.Image);

        Assert.Contains(DockerFixture.Image, image.RepoTags ?? []);
        Assert.StartsWith("sha256:", image.ID);
    }

    [Fact]
    public async Task Listing_images_finds_the_test_image()
    {
        var images = await _client.ListImagesAsync();

        Assert.Contains(images, i => i.RepoTags?.Contains(DockerFixture.Image) == true);
    }

    [Fact]
    public async Task Operations_on_a_missing_container_say_which_container()
    {
        const string id = "containermcp-no-such-container";

        var inspect = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _client.InspectContainerAsync(id));
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _client.AttachContainerAsync(id));
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _client.StartContainerAsync(id));
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _client.WaitContainerAsync(id));
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _client.RemoveContainerAsync(id));

        Assert.Equal(id, inspect.ContainerId);
        Assert.Contains(id, inspect.Message);
    }
}
