using System.Collections;
using System.Management.Automation;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Support;

/// <summary>
/// Start-McpServer's -Image parameter set: a server described by parameters, turned into a configuration so that
/// every way of starting goes through one resolver. (Its own class: the parameters are many, the start is short.)
/// </summary>
public abstract class ServerParametersCmdlet : McpCmdlet
{
    protected const string FromImage = "Image";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromImage)]
    [Parameter(Position = 0, ParameterSetName = FromFile)]
    [Alias("ServerName")]
    [SupportsWildcards] // with -ConfigPath only: a filter on the file's servers
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = FromImage)]
    [ArgumentCompleter(typeof(Completers.ImageNameCompleter))]
    public string Image { get; set; } = "";

    [Parameter(ParameterSetName = FromImage)] public string[]? Command { get; set; }
    [Parameter(ParameterSetName = FromImage)] public string[]? Entrypoint { get; set; }
    [Parameter(ParameterSetName = FromImage)] public Hashtable? Environment { get; set; }
    [Parameter(ParameterSetName = FromImage)] public string[]? Volume { get; set; }
    [Parameter(ParameterSetName = FromImage), ArgumentCompleter(typeof(Completers.NetworkNameCompleter))] public string? Network { get; set; }

    /// <summary>The -Network named must be internal (no route out); it is created so when missing.</summary>
    [Parameter(ParameterSetName = FromImage)] public SwitchParameter InternalNetwork { get; set; }
    [Parameter(ParameterSetName = FromImage), ValidateRange(0, int.MaxValue)] public int? MemoryMB { get; set; }
    [Parameter(ParameterSetName = FromImage), ValidateRange(0.0, 1024.0)] public double? Cpus { get; set; }
    [Parameter(ParameterSetName = FromImage)] public string? User { get; set; }
    [Parameter(ParameterSetName = FromImage), SupportsWildcards] public string[] IncludeTool { get; set; } = [];
    [Parameter(ParameterSetName = FromImage), SupportsWildcards] public string[] ExcludeTool { get; set; } = [];
    [Parameter(ParameterSetName = FromImage), ValidateRange(1, 3600)] public int? InitializeTimeoutSeconds { get; set; }

    /// <summary>always-on (start now), on-demand (start on the first call, stop when idle) or pre-warmed (start in the background).</summary>
    [Parameter(ParameterSetName = FromImage), ValidateSet("always-on", "on-demand", "pre-warmed")]
    public string Strategy { get; set; } = "always-on";

    /// <summary>Seconds without a call before an on-demand server's container is stopped.</summary>
    [Parameter(ParameterSetName = FromImage), ValidateRange(1, int.MaxValue)] public int? IdleTimeoutSeconds { get; set; }

    /// <summary>Longest a tool call may run (a call's own -TimeoutSeconds wins).</summary>
    [Parameter(ParameterSetName = FromImage), ValidateRange(1, int.MaxValue)] public int? ExecutionTimeoutSeconds { get; set; }

    /// <summary>The parameters as a configuration, so every way of starting goes through one resolver.</summary>
    protected McpServerConfig ParametersAsConfig()
    {
        if (Name.Length != 1) throw new ArgumentException($"Start-McpServer -Image starts one server: give one -Name, not {Name.Length}.");
        if (InternalNetwork && !Engine.Containers.ManagedNetworks.IsNamed(Network ?? "none"))
            throw new ArgumentException($"-InternalNetwork needs -Network naming a network of your own (e.g. -Network pgnet), not '{Network ?? "none"}'.");
        // Docker runs entrypoint then command, so "-Entrypoint a,b -Command c" is command a with arguments b, c.
        var entrypoint = Entrypoint is { Length: > 0 } ? Entrypoint : null;
        return new McpServerConfig
        {
            Name = Name[0],
            Image = Image,
            McpServer = new McpProcessConfig
            {
                Command = entrypoint?[0],
                Args = [.. entrypoint?.Skip(1) ?? [], .. Command ?? []],
                Env = Environment?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "")
                      ?? new Dictionary<string, string>(),
                TimeoutSeconds = InitializeTimeoutSeconds,
                Tools = new ToolSelection { Include = IncludeTool, Exclude = ExcludeTool },
            },
            ResourceLimits = new ResourceLimitsConfig { MemoryMB = MemoryMB, CpuCores = Cpus, ExecutionTimeoutSeconds = ExecutionTimeoutSeconds },
            Lifecycle = new LifecycleConfig
            {
                // ValidateSet lets any casing through ("On-Demand").
                Strategy = LifecycleStrategyNames.ByName.Single(n => n.Key.Equals(Strategy, StringComparison.OrdinalIgnoreCase)).Value,
                IdleTimeoutSeconds = IdleTimeoutSeconds,
            },
            Volumes = Volume ?? [],
            Network = Network,
            InternalNetwork = InternalNetwork,
            User = User,
        };
    }
}
