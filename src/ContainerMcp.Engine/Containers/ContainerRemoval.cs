using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// Removes a container that may still run. Docker's forced removal kills at once; Podman's first sends SIGTERM and waits
/// the container's stop timeout (10 s), which a server running as PID 1 without a SIGTERM handler never cuts short.
/// So a running container is killed first, and removal is immediate on both.
/// </summary>
internal static class ContainerRemoval
{
    /// <summary>Kills, then force-removes; a container already gone, stopped, or being removed counts as removed.</summary>
    public static async Task KillAndRemoveAsync(DockerClient docker, string id, CancellationToken ct = default)
    {
        try { await docker.KillContainerAsync(id, "KILL", ct); }
        catch (DockerEngineException) { } // gone or not running: the removal below says what matters
        await RemoveAsync(docker, id, ct);
    }

    /// <summary>Force-removes a container known not to run; one already gone, or being removed, counts as removed.</summary>
    public static async Task RemoveAsync(DockerClient docker, string id, CancellationToken ct = default)
    {
        try { await docker.RemoveContainerAsync(id, force: true, ct); }
        catch (DockerContainerNotFoundException) { }
        catch (DockerConflictException) { } // removal already in progress
    }
}
