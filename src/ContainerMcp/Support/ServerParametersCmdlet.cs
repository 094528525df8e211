using System.Collections;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Support;

/// <summary>
/// Start-McpServer's parameter sets that describe a server by parameters — -Image, -Package, or an image piped in —
/// turned into a configuration so that every way of starting goes through one resolver. (Its own class: the
/// parameters are many, the start is short.) The server's options belong to all three sets.
/// </summary>
public abstract class ServerParametersCmdlet : McpCmdlet
{
    protected const string FromImage = "Image";
    protected const string FromPackage = "Package";
    protected const string FromBuilt = "BuiltImage";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromImage)]
    [Parameter(Position = 0, ParameterSetName = FromFile)]
    [Parameter(Position = 0, ParameterSetName = FromPackage)]
    [Parameter(Position = 0, ParameterSetName = FromBuilt)]
    [Alias("ServerName")]
    [SupportsWildcards] // with -ConfigPath only: a filter on the file's servers
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = FromImage)]
    [ArgumentCompleter(typeof(Completers.ImageNameCompleter))]
    public string Image { get; set; } = "";

    /// <summary>An npm package to run as npx would: its image is built or reused, and runs the package's program.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromPackage)]
    public string Package { get; set; } = "";

    // By value only: -Image bound by property name from an image's Name would also take a piped configuration's.
    /// <summary>An image from Build-McpServerImage or Get-McpServerImage: Build-McpServerImage … | Start-McpServer -Name x.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromBuilt)]
    public McpServerImage? InputObject { get; set; }

    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string[]? Command { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string[]? Entrypoint { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public Hashtable? Environment { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string[]? Volume { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [ArgumentCompleter(typeof(Completers.NetworkNameCompleter))]
    public string? Network { get; set; }

    /// <summary>Where the server's own volume is mounted read-write (e.g. /data); kept across restarts and stops.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string? StatePath { get; set; }

    /// <summary>The -Network named must be internal (no route out); it is created so when missing.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public SwitchParameter InternalNetwork { get; set; }
    /// <summary>Egress by allow-list: host[:port] (443 by default), *.domain[:port], or an IP address or CIDR; reached through a Squid proxy only.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string[]? AllowEgress { get; set; }

    /// <summary>Like -AllowEgress, for destinations that may be private addresses (your containers, the Docker gateway, the LAN).</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string[]? AllowPrivateEgress { get; set; }

    /// <summary>The egress proxy's image (squid and /bin/sh in it); containermcp/squid:local when not given.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [ArgumentCompleter(typeof(Completers.ImageNameCompleter))]
    public string? EgressProxyImage { get; set; }

    /// <summary>The network the egress proxy goes out on; bridge when not given.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [ArgumentCompleter(typeof(Completers.NetworkNameCompleter))]
    public string? EgressNetwork { get; set; }

    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), ValidateRange(0, int.MaxValue)]
    public int? MemoryMB { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), ValidateRange(0.0, 1024.0)]
    public double? Cpus { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string? User { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), SupportsWildcards]
    public string[] IncludeTool { get; set; } = [];
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), SupportsWildcards]
    public string[] ExcludeTool { get; set; } = [];
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), ValidateRange(1, 3600)]
    public int? InitializeTimeoutSeconds { get; set; }

    /// <summary>always-on (start now), on-demand (start on the first call, stop when idle) or pre-warmed (start in the background).</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), ValidateSet("always-on", "on-demand", "pre-warmed")]
    public string Strategy { get; set; } = "always-on";

    /// <summary>Seconds without a call before an on-demand server's container is stopped.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), ValidateRange(1, int.MaxValue)]
    public int? IdleTimeoutSeconds { get; set; }

    /// <summary>Longest a tool call may run (a call's own -TimeoutSeconds wins).</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), ValidateRange(1, int.MaxValue)]
    public int? ExecutionTimeoutSeconds { get; set; }

    /// <summary>The largest one message from the server may be, in MiB (16 by default); a larger answer fails its call.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), ValidateRange(1, ResourceLimitsConfig.MaxMessageMBCeiling)]
    public int? MaxMessageMB { get; set; }

    /// <summary>The parameters as a configuration, so every way of starting goes through one resolver.</summary>
    protected McpServerConfig ParametersAsConfig()
    {
        // Without -Name, a package or a built image names the server after the package: server-memory.
        var image = ParameterSetName == FromBuilt ? InputObject!.Name : ParameterSetName == FromImage ? Image : null;
        var name = Name.Length == 1 ? Name[0]
            : Name.Length == 0 && ParameterSetName != FromImage ? DefaultName()
            : throw new ArgumentException($"Start-McpServer starts one server from an image or a package: give one -Name, not {Name.Length}.");
        if (InternalNetwork && !Engine.Containers.ManagedNetworks.IsNamed(Network ?? "none"))
            throw new ArgumentException($"-InternalNetwork needs -Network naming a network of your own (e.g. -Network pgnet), not '{Network ?? "none"}'.");
        // Docker runs entrypoint then command, so "-Entrypoint a,b -Command c" is command a with arguments b, c.
        var entrypoint = Entrypoint is { Length: > 0 } ? Entrypoint : null;
        return new McpServerConfig
        {
            Name = name,
            Image = image,
            Package = ParameterSetName == FromPackage ? Package : null,
            // A piped image runs on the engine it is on (Start-McpServer -Engine still wins).
            Engine = ParameterSetName == FromBuilt ? InputObject!.Engine : null,
            McpServer = new McpProcessConfig
            {
                Command = entrypoint?[0],
                Args = [.. entrypoint?.Skip(1) ?? [], .. Command ?? []],
                Env = Environment?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "")
                      ?? new Dictionary<string, string>(),
                TimeoutSeconds = InitializeTimeoutSeconds,
                Tools = new ToolSelection { Include = IncludeTool, Exclude = ExcludeTool },
            },
            ResourceLimits = new ResourceLimitsConfig { MemoryMB = MemoryMB, CpuCores = Cpus, ExecutionTimeoutSeconds = ExecutionTimeoutSeconds,
                MaxMessageMB = MaxMessageMB },
            Lifecycle = new LifecycleConfig
            {
                // ValidateSet lets any casing through ("On-Demand").
                Strategy = LifecycleStrategyNames.ByName.Single(n => n.Key.Equals(Strategy, StringComparison.OrdinalIgnoreCase)).Value,
                IdleTimeoutSeconds = IdleTimeoutSeconds,
            },
            Volumes = Volume ?? [],
            State = StatePath is { } statePath ? new StateConfig { Path = statePath } : null,
            Network = Network,
            InternalNetwork = InternalNetwork,
            Egress = EgressAsConfig(),
            User = User,
        };
    }

    /// <summary>The egress parameters, checked here so the error names the parameter and the entry.</summary>
    private EgressConfig? EgressAsConfig()
    {
        if (AllowEgress is null && AllowPrivateEgress is null)
        {
            if (EgressProxyImage is not null || EgressNetwork is not null)
                throw new ArgumentException("-EgressProxyImage and -EgressNetwork go with -AllowEgress or -AllowPrivateEgress: say what the server may reach.");
            return null;
        }
        if (Network is { } network && !network.Equals("none", StringComparison.OrdinalIgnoreCase) || InternalNetwork)
            throw new ArgumentException($"-AllowEgress puts the server on an internal network of its own, reaching out only through its proxy: " +
                "drop -Network and -InternalNetwork (or drop -AllowEgress).");
        Engine.Egress.EgressAllowList.Parse(AllowEgress ?? [], AllowPrivateEgress, "-AllowEgress", "-AllowPrivateEgress");
        return new EgressConfig { Allow = AllowEgress ?? [], AllowPrivate = AllowPrivateEgress ?? [], ProxyImage = EgressProxyImage, Network = EgressNetwork };
    }

    private string DefaultName() => ParameterSetName == FromPackage
        ? Engine.Images.PackageNames.ShortName(Package, RuntimeKind.Node)
        : InputObject!.Repository[(InputObject.Repository.LastIndexOf('/') + 1)..];
}
