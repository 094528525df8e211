using System.Diagnostics;
using ContainerMcp.Engine.Docker;
using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Tests.Docker;

/// <summary>
/// The real daemon plus a tiny image holding the host's node binary, built once (docker import) if missing.
/// Everything a test creates carries <see cref="TestLabel"/>; whatever a failed test left behind is removed at the end.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public const string TestLabel = "io.containermcp.test";
    public const string TestLabelValue = "dockerclient";
    public const string Image = "containermcp-test/node:dockerclient";
    public const string Node = "/usr/bin/node";

    public DockerClient Client { get; } = DockerClient.FromEnvironment();

    public async Task InitializeAsync()
    {
        try
        {
            await Client.InspectImageAsync(Image);
        }
        catch (DockerImageNotFoundException)
        {
            await BuildImageAsync();
        }
    }

    public async Task DisposeAsync()
    {
        var leftovers = await Client.ListContainersAsync(new Dictionary<string, string?> { [TestLabel] = TestLabelValue });
        foreach (var container in leftovers)
        {
            await RemoveQuietlyAsync(container.ID);
        }

        Client.Dispose();
    }

    /// <summary>Creates (not starts) a container running <c>node -e script</c>, labelled for cleanup.</summary>
    public async Task<string> CreateNodeContainerAsync(
        string script, bool stdin = false, bool tty = false, string? name = null, IDictionary<string, string>? labels = null)
    {
        var allLabels = new Dictionary<string, string> { [TestLabel] = TestLabelValue };
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            allLabels[key] = value;
        }

        var created = await Client.CreateContainerAsync(
            new CreateContainerParameters
            {
                Image = Image,
                Cmd = [Node, "-e", script],
                Labels = allLabels,
                Tty = tty,
                OpenStdin = stdin,
                StdinOnce = stdin,
                AttachStdin = stdin,
                AttachStdout = true,
                AttachStderr = true,
                HostConfig = new HostConfig { NetworkMode = "none" },
            },
            name);
        return created.ID;
    }

    public async Task RemoveQuietlyAsync(string id)
    {
        try
        {
            await Client.RemoveContainerAsync(id, force: true);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (DockerConflictException)
        {
            // Removal already in progress.
        }
    }

    private static async Task BuildImageAsync()
    {
        // A root filesystem with node and the shared libraries ldd lists, at their own paths.
        const string script = """
            set -eu
            root=$(mktemp -d)
            mkdir -p "$root/usr/bin" "$root/tmp"
            cp "$(readlink -f /usr/bin/node)" "$root/usr/bin/node"
            for lib in $(ldd /usr/bin/node | grep -o '/[^ ]*'); do
              mkdir -p "$root$(dirname "$lib")"
              cp -L "$lib" "$root$lib"
            done
            tar -C "$root" -c . | docker import - containermcp-test/node:dockerclient
            rm -rf "$root"
            """;
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the test image {Image} failed: {await stderr}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "Docker daemon";
}
