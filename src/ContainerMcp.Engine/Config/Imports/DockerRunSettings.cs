using System.Globalization;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>What the options of one <c>docker run</c> line add up to, gathered option by option.</summary>
internal sealed class DockerRunSettings(ClientEntry entry)
{
    // Only variables named with -e reach the container. The rest of the entry's env is for the docker CLI
    // itself (DOCKER_HOST and the like), so it is not handed to the server.
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
    private readonly List<string> _volumes = [];
    private string? _network;
    private int? _memoryMB;
    private double? _cpus;
    private int? _pids;
    private string? _user;
    private bool? _readOnly;
    private string? _entrypoint;
    private ClientArg? _entrypointAt;

    /// <summary>Applies an option that reads a value.</summary>
    public void Apply(DockerRunFlag flag, string value, ClientArg at)
    {
        switch (flag.Name)
        {
            case "--env": AddEnvironment(value, at); break;
            case "--volume": _volumes.Add(value); break;
            case "--mount":
                var (volume, problem) = DockerMountOption.ToVolume(value);
                _volumes.Add(volume ?? throw Refuse(at, $"'--mount {value}' cannot be translated: {problem}"));
                break;
            case "--network":
                if (value.StartsWith("container:", StringComparison.Ordinal))
                    throw Refuse(at, "'--network container:…' cannot be translated: it shares another container's network namespace.");
                _network = value;
                break;
            case "--memory":
                _memoryMB = MemorySize.TryParseMegabytes(value, out var megabytes)
                    ? megabytes
                    : throw Refuse(at, $"'{value}' is not a memory size docker understands (512m, 1g, 1024k or bytes).");
                break;
            case "--cpus":
                _cpus = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus) && cpus > 0 && double.IsFinite(cpus)
                    ? cpus
                    : throw Refuse(at, $"'{value}' is not a number of CPUs above zero.");
                break;
            case "--pids-limit":
                // docker reads 0 and -1 as "no limit"; ContainerMcp always keeps one.
                _pids = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pids) && pids > 0
                    ? pids
                    : throw Refuse(at, $"'--pids-limit {value}' cannot be translated: ContainerMcp always limits the number of processes; give a number above zero.");
                break;
            case "--user": _user = value; break;
            case "--entrypoint": (_entrypoint, _entrypointAt) = (value, at); break;
            case "--security-opt":
                // The one security option ContainerMcp sets itself; any other would change the confinement.
                if (value is not ("no-new-privileges" or "no-new-privileges:true" or "no-new-privileges=true"))
                    throw Refuse(at, $"'--security-opt {value}' cannot be translated: it changes the seccomp, AppArmor or SELinux confinement ContainerMcp relies on.");
                break;
            case "--cap-drop" or "--pull" or "--name":
                break;
            default:
                throw new InvalidOperationException($"{flag.Name} has no handler."); // a flag table entry without a case
        }
    }

    /// <summary>Applies an option that is on or off.</summary>
    public void Apply(DockerRunFlag flag, bool on)
    {
        // ContainerMcp's default is already a read-only root filesystem, so only "on" says anything.
        if (flag.Name == "--read-only" && on)
            _readOnly = true;
    }

    /// <summary><c>-e K=V</c> sets a value; <c>-e K</c> passes K through from where docker was started.</summary>
    private void AddEnvironment(string value, ClientArg at)
    {
        var equals = value.IndexOf('=');
        var name = equals < 0 ? value : value[..equals];
        if (name.Length == 0)
            throw Refuse(at, "an -e option names no variable before its '='."); // the value is not repeated: it may be a secret
        _env[name] = equals >= 0
            ? value[(equals + 1)..]
            : entry.Env.TryGetValue(name, out var fromEntry) ? fromEntry : "${env:" + name + "}";
    }

    public McpServerConfig Build(string image, IReadOnlyList<string> command)
    {
        var entrypoint = _entrypoint;
        // --entrypoint "" clears the image's entrypoint, so the command's first word becomes the program.
        if (entrypoint == "")
        {
            if (command.Count == 0)
                throw Refuse(_entrypointAt!, "'--entrypoint \"\"' clears the entrypoint but no command follows the image.");
            (entrypoint, command) = (command[0], command.Skip(1).ToList());
        }

        return new McpServerConfig
        {
            Name = entry.Name,
            Image = image,
            McpServer = new McpProcessConfig { Command = entrypoint, Args = command, Env = _env },
            ResourceLimits = new ResourceLimitsConfig { MemoryMB = _memoryMB, CpuCores = _cpus, Pids = _pids },
            Volumes = _volumes,
            Network = _network,
            User = _user,
            ReadOnly = _readOnly,
            Source = entry.At.Source,
        };
    }

    private McpConfigException Refuse(ClientArg at, string message) => entry.Refuse(at.At, message);
}
