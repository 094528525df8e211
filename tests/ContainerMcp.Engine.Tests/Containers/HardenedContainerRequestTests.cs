using ContainerMcp.Engine.Containers;

namespace ContainerMcp.Engine.Tests.Containers;

public sealed class HardenedContainerRequestTests
{
    private static readonly ContainerLaunchSpec Spec = new() { Image = "example/server:1" };

    [Theory]
    [InlineData(null, null, ContainerLaunchSpec.FallbackUser)]
    [InlineData(null, "", ContainerLaunchSpec.FallbackUser)]
    [InlineData(null, "root", ContainerLaunchSpec.FallbackUser)]
    [InlineData(null, "0:0", ContainerLaunchSpec.FallbackUser)]
    [InlineData(null, "10001:10001", "10001:10001")]
    [InlineData(null, "node", "node")]
    [InlineData("0", "node", "0")] // an explicit choice, even root, is the caller's to make
    public void User_is_never_root_unless_asked_for(string? specUser, string? imageUser, string expected) =>
        Assert.Equal(expected, HardenedContainerRequest.ResolveUser(specUser, imageUser));

    [Theory]
    [InlineData("/data:/data", "/data:/data:ro")]
    [InlineData("cache:/cache:rw", "cache:/cache:rw")]
    [InlineData("/src:/src:ro", "/src:/src:ro")]
    [InlineData("/src:/src:z", "/src:/src:z,ro")]
    public void Volumes_are_read_only_unless_they_say_rw(string bind, string expected) =>
        Assert.Equal(expected, HardenedContainerRequest.NormalizeBind(bind));

    [Theory]
    [InlineData("/data")]
    [InlineData("/data:relative")]
    [InlineData(":/data")]
    public void Malformed_volume_is_refused_with_the_expected_form(string bind)
    {
        var error = Assert.Throws<ArgumentException>(() => HardenedContainerRequest.NormalizeBind(bind));
        Assert.Contains($"'{bind}'", error.Message);
        Assert.Contains("host-path-or-volume:/container/path", error.Message);
    }

    [Fact]
    public void Relaxing_one_default_keeps_the_others()
    {
        var request = HardenedContainerRequest.Build(Spec with { ReadOnlyRootFilesystem = false, Network = "bridge" }, "s", "sess", null);

        Assert.False(request.HostConfig!.ReadonlyRootfs);
        Assert.Equal("bridge", request.HostConfig.NetworkMode);
        Assert.Equal(["ALL"], request.HostConfig.CapDrop!);
        Assert.Contains("no-new-privileges:true", request.HostConfig.SecurityOpt!);
    }

    [Fact]
    public void Engine_labels_win_over_caller_labels()
    {
        var request = HardenedContainerRequest.Build(
            Spec with { Labels = new Dictionary<string, string> { [ContainerLabels.Server] = "spoof", ["team"] = "ops" } },
            "real", "sess", null);

        Assert.Equal("real", request.Labels![ContainerLabels.Server]);
        Assert.Equal("ops", request.Labels["team"]);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("host")]
    [InlineData("bridge")]
    [InlineData("container:abc")]
    public void Internal_network_must_be_a_named_one(string network)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            HardenedContainerRequest.Build(Spec with { Network = network, InternalNetwork = true }, "s", "sess", null));

        Assert.Contains($"'{network}'", error.Message);
        Assert.Contains("named network", error.Message);
    }

    [Theory]
    [InlineData("pgnet", true)]
    [InlineData("none", false)]
    [InlineData("Host", false)]
    [InlineData("bridge", false)]
    [InlineData("default", false)]
    [InlineData("container:abc", false)]
    public void Only_user_defined_networks_are_created_on_demand(string network, bool named) =>
        Assert.Equal(named, ManagedNetworks.IsNamed(network));

    [Fact]
    public void Named_network_is_the_container_network_mode()
    {
        var request = HardenedContainerRequest.Build(Spec with { Network = "pgnet", InternalNetwork = true }, "s", "sess", null);

        Assert.Equal("pgnet", request.HostConfig!.NetworkMode);
    }
}
