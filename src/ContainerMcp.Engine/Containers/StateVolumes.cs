using System.Formats.Tar;
using System.Globalization;
using ContainerMcp.Engine.Docker;
using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Containers;

/// <summary>One server's state volume as the daemon has it, and the containers that mount it now.</summary>
public sealed record StateVolume(string Name, string ServerName, DateTimeOffset? Created, IReadOnlyList<string> UsedBy);

/// <summary>
/// A server's state: one named volume per server name (<c>containermcp-state-&lt;server&gt;</c>), made on demand,
/// labelled as ours, its root owned by the user the server runs as, and mounted read-write at the path the server asks
/// for, while the root filesystem stays read-only. It outlives the server's containers (restarts, rotations, stops)
/// and sessions: only <see cref="RemoveAsync"/> deletes it; the orphan sweep leaves it alone on purpose.
/// </summary>
public static class StateVolumes
{
    public const string NamePrefix = "containermcp-state-";

    /// <summary>The volume of a server name. Names are unique ignoring case, and so is the volume.</summary>
    public static string NameFor(string serverName) => NamePrefix + serverName.ToLowerInvariant();

    /// <summary>
    /// The bind that mounts it: read-write, and <c>nocopy</c>, so whatever the image has at that path is never copied
    /// in over the owner set when the volume was made.
    /// </summary>
    public static string Bind(string serverName, string path) => $"{NameFor(serverName)}:{path}:rw,nocopy";

    /// <summary>Why <paramref name="path"/> cannot hold a server's state, or null when it can.</summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/')) return $"'{path}' is not an absolute path in the container (e.g. /data)";
        if (path.AsSpan().IndexOfAny(":,") >= 0) return $"'{path}' holds ':' or ',', which a mount cannot express";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) return "'/' is the root filesystem itself, which stays read-only: name a directory such as /data";
        if (segments.Any(s => s is "." or "..")) return $"'{path}' holds '.' or '..': write the plain path";
        if (segments[0] == "tmp") return $"'{path}' is under /tmp, a temporary filesystem that is emptied with each container";
        return null;
    }

    /// <summary>The labels of a state volume: ours, and whose. No owner process: it is meant to outlive every process.</summary>
    public static Dictionary<string, string> Labels(string serverName) => new()
    {
        [ContainerLabels.Managed] = "true",
        [ContainerLabels.Server] = serverName,
        [ContainerLabels.State] = "true",
        [ContainerLabels.OwnerHost] = Environment.MachineName,
    };

    /// <summary>
    /// Makes the server's volume when it does not exist yet, with its root owned by the user of <paramref name="server"/>
    /// (the create request of the server's container: its image and resolved user), so a non-root server can write it.
    /// </summary>
    /// <returns>True when the volume was made here; false when it existed already (its content and owner are kept).</returns>
    public static async Task<bool> EnsureAsync(
        DockerClient docker, CreateContainerParameters server, string serverName, string path, string sessionId, CancellationToken ct = default)
    {
        var name = NameFor(serverName);
        try
        {
            await docker.InspectVolumeAsync(name, ct);
            return false;
        }
        catch (DockerVolumeNotFoundException) { }

        await docker.CreateVolumeAsync(new VolumesCreateParameters { Name = name, Labels = Labels(serverName) }, ct);
        try
        {
            await ChownRootAsync(docker, server, name, path, serverName, sessionId, ct);
        }
        catch
        {
            try { await docker.RemoveVolumeAsync(name, CancellationToken.None); } catch (DockerEngineException) { }
            throw;
        }
        return true;
    }

    /// <summary>The state volumes of all servers (or of one), with the containers that mount them now.</summary>
    public static async Task<IReadOnlyList<StateVolume>> ListAsync(DockerClient docker, CancellationToken ct = default)
    {
        var volumes = await docker.ListVolumesAsync(new Dictionary<string, string?> { [ContainerLabels.State] = "true" }, ct);
        var found = new List<StateVolume>();
        foreach (var volume in volumes.Where(v => v.Labels.ValueOrNull(ContainerLabels.Server) is not null))
        {
            var users = await docker.ListVolumeContainersAsync(volume.Name, ct);
            found.Add(new StateVolume(volume.Name, volume.Labels![ContainerLabels.Server],
                DateTimeOffset.TryParse(volume.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
                users.Select(c => c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12]).ToList()));
        }
        return found.OrderBy(v => v.ServerName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Deletes a state volume and what it holds. One still mounted is refused; one already gone is no error.</summary>
    /// <exception cref="StateVolumeException">The volume is not a state volume of ours, or a container still mounts it.</exception>
    public static async Task RemoveAsync(DockerClient docker, string volumeName, CancellationToken ct = default)
    {
        VolumeResponse volume;
        try { volume = await docker.InspectVolumeAsync(volumeName, ct); }
        catch (DockerVolumeNotFoundException) { return; }
        if (volume.Labels.ValueOrNull(ContainerLabels.State) != "true")
            throw new StateVolumeException(volumeName, $"Volume '{volumeName}' is not a state volume of ContainerMcp, so it is left alone.",
                EngineErrorKind.InvalidOperation);
        var server = volume.Labels.ValueOrNull(ContainerLabels.Server);
        var users = await docker.ListVolumeContainersAsync(volumeName, ct);
        if (users.Count > 0)
            throw new StateVolumeException(volumeName, EngineErrorKind.Busy, NextStep.StopServer,
                $"The state of MCP server '{server}' (volume {volumeName}) is in use by container " +
                $"{string.Join(", ", users.Select(c => c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12]))}: stop the server first.");
        try { await docker.RemoveVolumeAsync(volumeName, ct); }
        catch (DockerVolumeNotFoundException) { }
        catch (DockerConflictException ex)
        {
            throw new StateVolumeException(volumeName, EngineErrorKind.Busy, NextStep.StopServer,
                $"The state of MCP server '{server}' (volume {volumeName}) is in use: stop the server first. {ex.DaemonMessage}");
        }
    }

    /// <summary>
    /// A fresh volume's root belongs to root. It is handed to the server's user without running anything: a container
    /// of the server's image is created (never started) with the volume at its path, the user is resolved to numbers
    /// in it (<see cref="ImageUsers"/>), and a one-entry archive — that directory, owned by the user — is extracted
    /// over it, which sets the owner of the mount's root.
    /// </summary>
    private static async Task ChownRootAsync(
        DockerClient docker, CreateContainerParameters server, string volume, string path, string serverName, string sessionId, CancellationToken ct)
    {
        var helper = await docker.CreateContainerAsync(new CreateContainerParameters
        {
            Image = server.Image,
            Labels = ContainerLabels.For(serverName, sessionId), // swept as an orphan if this process dies meanwhile
            HostConfig = new HostConfig { NetworkMode = "none", Binds = [$"{volume}:{path}:rw,nocopy"] },
        }, null, ct);
        try
        {
            int uid, gid;
            try { (uid, gid) = await ImageUsers.ResolveAsync(docker, helper.ID, server.User ?? ContainerLaunchSpec.FallbackUser, ct); }
            catch (ArgumentException ex)
            {
                throw new StateVolumeException(volume,
                    $"The state volume of MCP server '{serverName}' cannot be given to the user it runs as: {ex.Message}. " +
                    "Give the server's user as uid:gid (e.g. 1000:1000) in its user setting.", EngineErrorKind.InvalidArgument);
            }
            using var archive = new MemoryStream();
            await using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, path.Trim('/') + "/")
                {
                    Uid = uid,
                    Gid = gid,
                    Mode = (UnixFileMode)0b111_101_101, // 0755: the user writes, others may read
                    ModificationTime = DateTimeOffset.UtcNow,
                }, ct);
            }
            archive.Position = 0;
            await docker.ExtractArchiveAsync(helper.ID, "/", archive, ct);
        }
        finally
        {
            try { await docker.RemoveContainerAsync(helper.ID, force: true, CancellationToken.None); }
            catch (DockerContainerNotFoundException) { }
        }
    }
}

/// <summary>A server's state volume cannot be made, or removed, as asked.</summary>
public sealed class StateVolumeException(string volume, EngineErrorKind kind, NextStep nextStep, string message) : DockerEngineException(message)
{
    public StateVolumeException(string volume, string message, EngineErrorKind kind) : this(volume, kind, NextStep.None, message) { }

    public string Volume { get; } = volume;
    public override EngineErrorKind Kind => kind;
    public override NextStep NextStep => nextStep;
}
