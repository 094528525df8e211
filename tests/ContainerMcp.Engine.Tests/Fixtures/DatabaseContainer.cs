using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>
/// A PostgreSQL 15 container from the rig's pgserver image on one Docker network, reachable there by its name.
/// Carries our labels; disposing removes it and then the network, if ours and no longer used.
/// </summary>
public sealed class DatabaseContainer : IAsyncDisposable
{
    private readonly DockerClient _docker;

    private DatabaseContainer(DockerClient docker, string id, string name, string network)
    {
        _docker = docker;
        Id = id;
        Name = name;
        Network = network;
    }

    public string Id { get; }

    /// <summary>The container's name: its host name on <see cref="Network"/>.</summary>
    public string Name { get; }

    public string Network { get; }

    /// <summary>The URL of database 'app' as role 'reader' (password apart, in PGPASSWORD).</summary>
    public string Url => $"postgresql://reader@{Name}:5432/app";

    /// <summary>A name chosen up front, so a server can be given the URL before the database runs.</summary>
    public static string NewName() => EngineFixture.UniqueName("containermcp-test-db");

    public static async Task<DatabaseContainer> StartAsync(DockerClient docker, Rig rig, string name, string network, string sessionId)
    {
        var created = await docker.CreateContainerAsync(new CreateContainerParameters
        {
            Image = rig.PgServerImage,
            Labels = ContainerLabels.For(name, sessionId),
            HostConfig = new HostConfig
            {
                NetworkMode = network,
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges:true"],
                Memory = 256L * 1024 * 1024,
                MemorySwap = 256L * 1024 * 1024,
            },
        }, name);
        var database = new DatabaseContainer(docker, created.ID, name, network);
        try
        {
            await docker.StartContainerAsync(created.ID);
            await Eventually.TrueAsync(async () => (await LogsAsync(created.ID)).Contains("ready to accept connections"),
                $"PostgreSQL in {name} accepts connections");
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>The container's log, both streams, as the docker CLI prints it (the engine itself never reads logs).</summary>
    private static async Task<string> LogsAsync(string id)
    {
        var info = new System.Diagnostics.ProcessStartInfo("docker", ["logs", id]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout + await stderr;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _docker.RemoveContainerAsync(Id, force: true); }
        catch (DockerContainerNotFoundException) { }
        await ManagedNetworks.ReleaseAsync(_docker, Network);
    }
}
