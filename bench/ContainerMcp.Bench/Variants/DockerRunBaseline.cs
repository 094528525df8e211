using System.Globalization;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Bench.Variants;

/// <summary>
/// (b) The common baseline: <c>docker run -i --rm</c> driven by the SDK's stdio transport, with the engine's hardening
/// spelled out as flags. The flags are derived from a default <see cref="ContainerLaunchSpec"/>, the same source the
/// engine's create request is built from, so a change to the engine's defaults carries over to the baseline.
/// </summary>
public static class DockerRunBaseline
{
    public static async Task<SdkStdioVariant> CreateAsync(DockerClient docker, string image, ContainerSweeper sweeper, CancellationToken ct)
    {
        var spec = new ContainerLaunchSpec { Image = image };
        var imageUser = (await docker.InspectImageAsync(image, ct)).Config?.User;
        return new SdkStdioVariant("(b) docker run -i + SDK stdio", "docker-run", "docker",
            Arguments(spec, HardenedContainerRequest.ResolveUser(spec.User, imageUser), sweeper.RunLabel),
            sweeper.WaitUntilBaselineGoneAsync);
    }

    private static List<string> Arguments(ContainerLaunchSpec spec, string user, string runLabel)
    {
        string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var args = new List<string> { "run", "-i", "--rm", "--label", runLabel, "--network", spec.Network, "--user", user };
        if (spec.ReadOnlyRootFilesystem) args.Add("--read-only");
        if (spec.TmpfsSizeMB > 0) args.AddRange(["--tmpfs", Invariant($"/tmp:rw,noexec,nosuid,nodev,size={spec.TmpfsSizeMB}m")]);
        if (spec.DropAllCapabilities) args.AddRange(["--cap-drop", "ALL"]);
        if (spec.NoNewPrivileges) args.AddRange(["--security-opt", "no-new-privileges:true"]);
        if (spec.MemoryMB > 0) args.AddRange(["--memory", Invariant($"{spec.MemoryMB}m"), "--memory-swap", Invariant($"{spec.MemoryMB}m")]);
        if (spec.Cpus > 0) args.AddRange(["--cpus", Invariant($"{spec.Cpus}")]);
        if (spec.PidsLimit > 0) args.AddRange(["--pids-limit", Invariant($"{spec.PidsLimit}")]);
        if (spec.Init) args.Add("--init");
        args.AddRange(["--log-driver", spec.LogDriver]);
        args.Add(spec.Image);
        return args;
    }
}
