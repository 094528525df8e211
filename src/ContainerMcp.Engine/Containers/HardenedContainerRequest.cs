using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Containers;

/// <summary>Turns a <see cref="ContainerLaunchSpec"/> into the Engine API's create request, hardening included.</summary>
public static class HardenedContainerRequest
{
    public static CreateContainerParameters Build(ContainerLaunchSpec spec, string serverName, string sessionId, string? imageUser)
    {
        if (spec.InternalNetwork && !ManagedNetworks.IsNamed(spec.Network))
            throw new ArgumentException(
                $"An internal network must be a named network, not '{spec.Network}': name one (e.g. 'pgnet'), and it is created on demand.",
                nameof(spec));

        if (spec.StatePath is { } statePath && StateVolumes.Problem(statePath) is { } problem)
            throw new ArgumentException($"The state path of MCP server '{serverName}' cannot be used: {problem}.", nameof(spec));

        var labels = new Dictionary<string, string>(spec.Labels);
        foreach (var (key, value) in ContainerLabels.For(serverName, sessionId)) labels[key] = value;

        var securityOpt = new List<string>();
        if (spec.NoNewPrivileges) securityOpt.Add("no-new-privileges:true");

        long memoryBytes = spec.MemoryMB * 1024L * 1024L;
        return new CreateContainerParameters
        {
            Image = spec.Image,
            User = ResolveUser(spec.User, imageUser) ?? "",
            Env = spec.Environment.Select(kv => $"{kv.Key}={kv.Value}").ToList(),
            Cmd = spec.Command?.ToList()!, // null: the image's own
            Entrypoint = spec.Entrypoint?.ToList()!,
            WorkingDir = spec.WorkingDirectory ?? "",
            Labels = labels,
            // Attached stdio with no TTY keeps stdout a clean byte stream; StdinOnce closes the server's stdin
            // when our attach connection goes, so a crashed client cannot leave a server running.
            Tty = false,
            OpenStdin = true,
            StdinOnce = true,
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            HostConfig = new HostConfig
            {
                Init = spec.Init,
                ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
                Tmpfs = spec.TmpfsSizeMB > 0
                    ? new Dictionary<string, string> { ["/tmp"] = $"rw,noexec,nosuid,nodev,size={spec.TmpfsSizeMB}m" }
                    : null!,
                CapDrop = spec.DropAllCapabilities ? ["ALL"] : null!,
                CapAdd = spec.AddCapabilities.Count > 0 ? spec.AddCapabilities.ToList() : null!,
                SecurityOpt = securityOpt.Count > 0 ? securityOpt : null!,
                NetworkMode = spec.Network,
                Memory = memoryBytes,
                MemorySwap = memoryBytes,
                NanoCPUs = (long)Math.Round(spec.Cpus * 1e9),
                PidsLimit = spec.PidsLimit > 0 ? spec.PidsLimit : null,
                Binds = Binds(spec, serverName)!,
                LogConfig = new LogConfig { Type = spec.LogDriver },
            },
        };
    }

    /// <summary>The spec's volumes, read-only unless they say rw, and the server's state volume, read-write.</summary>
    private static List<string>? Binds(ContainerLaunchSpec spec, string serverName)
    {
        var binds = spec.Volumes.Select(NormalizeBind).ToList();
        if (spec.StatePath is { } path) binds.Add(StateVolumes.Bind(serverName, path));
        return binds.Count > 0 ? binds : null;
    }

    /// <summary>The spec's user wins; else the image's when it is not root; else an unprivileged fallback.</summary>
    public static string ResolveUser(string? specUser, string? imageUser)
    {
        if (!string.IsNullOrWhiteSpace(specUser)) return specUser;
        if (!string.IsNullOrWhiteSpace(imageUser) && !IsRoot(imageUser)) return imageUser;
        return ContainerLaunchSpec.FallbackUser;
    }

    public static bool IsRoot(string user)
    {
        var name = user.Split(':')[0];
        return name is "" or "0" or "root";
    }

    /// <summary>
    /// Checks a bind string and makes it read-only unless it says <c>rw</c>. Windows sources (<c>C:\data:/data</c>) are
    /// passed in <c>Binds</c> as written, as the docker CLI passes them: Docker Desktop maps them into its VM.
    /// </summary>
    public static string NormalizeBind(string bind)
    {
        if (BindSpec.Split(bind) is not { } spec)
            throw new ArgumentException(
                $"Volume '{bind}' is not of the form 'host-path-or-volume:/container/path[:ro|rw]' (on Windows 'C:\\data:/data').", nameof(bind));
        if (spec.Mode is null) return bind + ":ro";
        var modes = spec.Mode.Split(',');
        return modes.Contains("ro") || modes.Contains("rw") ? bind : bind + ",ro";
    }
}
