using System.Collections;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace ContainerMcp.Engine.Config;

/// <summary>
/// Writes servers as a configuration file (<c>servers:</c> with snake_case keys) that
/// <see cref="McpConfigYamlReader"/> reads back to the same configuration. Unset members are left out so
/// the file shows only what was chosen; <see cref="McpServerConfig.Source"/> is never written.
/// </summary>
public static class McpConfigYamlWriter
{
    // Built once: a serializer holds no per-call state.
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .WithEventEmitter(next => new QuoteLookalikeStrings(next))
        .WithIndentedSequences()
        .Build();

    public static string Write(IEnumerable<McpServerConfig> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var file = new OrderedDictionary<string, object> { ["servers"] = servers.Select(Describe).ToList() };
        return Serializer.Serialize(file);
    }

    private static OrderedDictionary<string, object> Describe(McpServerConfig server)
    {
        var yaml = new OrderedDictionary<string, object> { ["name"] = server.Name };
        Add(yaml, "engine", server.Engine);
        Add(yaml, "image", server.Image);
        Add(yaml, "package", server.Package);
        Add(yaml, "runtime", server.Runtime is null ? null : Describe(server.Runtime));
        Add(yaml, "mcp_server", Describe(server.McpServer));
        Add(yaml, "resource_limits", Describe(server.ResourceLimits));
        Add(yaml, "lifecycle", Describe(server.Lifecycle));
        Add(yaml, "volumes", server.Volumes.ToList());
        Add(yaml, "state", server.State is { } state ? new OrderedDictionary<string, object> { ["path"] = state.Path } : null);
        Add(yaml, "network", server.InternalNetwork && server.Network is { } name
            ? new OrderedDictionary<string, object> { ["name"] = name, ["internal"] = true }
            : server.Network);
        Add(yaml, "egress", server.Egress is { } egress ? Describe(egress) : null);
        Add(yaml, "user", server.User);
        Add(yaml, "read_only", server.ReadOnly);
        Add(yaml, "allow_plaintext_secrets", server.AllowPlaintextSecrets ? true : null);
        return yaml;
    }

    private static OrderedDictionary<string, object> Describe(EgressConfig egress)
    {
        var yaml = new OrderedDictionary<string, object>();
        Add(yaml, "allow", egress.Allow.ToList());
        Add(yaml, "allow_private", egress.AllowPrivate.ToList());
        Add(yaml, "proxy_image", egress.ProxyImage);
        Add(yaml, "network", egress.Network);
        return yaml;
    }

    private static OrderedDictionary<string, object> Describe(RuntimeConfig runtime)
    {
        var yaml = new OrderedDictionary<string, object>();
        Add(yaml, "type", runtime.Kind switch
        {
            RuntimeKind.Python => "python",
            RuntimeKind.Node => "node",
            RuntimeKind.Custom => "custom",
            _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime.Kind, "Unknown runtime kind."),
        });
        Add(yaml, "version", runtime.Version);
        Add(yaml, "preinstall_packages", runtime.PreinstallPackages.ToList());
        Add(yaml, "dockerfile", runtime.Dockerfile);
        Add(yaml, "base_image", runtime.BaseImage);
        Add(yaml, "bin", runtime.Bin);
        return yaml;
    }

    private static OrderedDictionary<string, object> Describe(McpProcessConfig process)
    {
        var yaml = new OrderedDictionary<string, object>();
        // stdio is the default and the only transport; anything else is written so the reader names the problem.
        Add(yaml, "transport", process.Transport.Equals("stdio", StringComparison.OrdinalIgnoreCase) ? null : process.Transport);
        Add(yaml, "command", process.Command);
        Add(yaml, "args", process.Args.ToList());
        Add(yaml, "env", new OrderedDictionary<string, string>(process.Env));
        Add(yaml, "timeout_seconds", process.TimeoutSeconds);
        if (!process.Tools.IsAll)
        {
            var tools = new OrderedDictionary<string, object>();
            Add(tools, "include", process.Tools.Include.ToList());
            Add(tools, "exclude", process.Tools.Exclude.ToList());
            yaml["tools"] = tools;
        }
        return yaml;
    }

    private static OrderedDictionary<string, object> Describe(ResourceLimitsConfig limits)
    {
        var yaml = new OrderedDictionary<string, object>();
        Add(yaml, "cpu_cores", limits.CpuCores);
        Add(yaml, "memory_mb", limits.MemoryMB);
        Add(yaml, "pids", limits.Pids);
        Add(yaml, "execution_timeout_seconds", limits.ExecutionTimeoutSeconds);
        Add(yaml, "max_message_mb", limits.MaxMessageMB);
        return yaml;
    }

    private static OrderedDictionary<string, object> Describe(LifecycleConfig lifecycle)
    {
        var yaml = new OrderedDictionary<string, object>();
        // always-on is the default, so it is left out.
        Add(yaml, "strategy", lifecycle.Strategy == LifecycleStrategy.AlwaysOn ? null : lifecycle.Strategy.Name());
        Add(yaml, "rotation_interval_hours", lifecycle.RotationIntervalHours);
        Add(yaml, "max_executions", lifecycle.MaxExecutions);
        Add(yaml, "health_check_interval_seconds", lifecycle.HealthCheckIntervalSeconds);
        Add(yaml, "idle_timeout_seconds", lifecycle.IdleTimeoutSeconds);
        Add(yaml, "max_restarts", lifecycle.MaxRestarts);
        return yaml;
    }

    /// <summary>Adds a member that is set: not null, and not an empty list or block.</summary>
    private static void Add(OrderedDictionary<string, object> yaml, string key, object? value)
    {
        if (value is not null and not ICollection { Count: 0 })
            yaml[key] = value;
    }

    /// <summary>
    /// YamlDotNet quotes strings that read as a YAML null, boolean or number. This also quotes strings that
    /// some reader could still take for something else: numbers it misses and dates (<c>1e3</c>,
    /// <c>2024-01-01</c>), YAML 1.1 base-60 numbers (<c>10001:10001</c>), and anything with <c>:</c>,
    /// <c>#</c> or brackets, such as <c>${env:NAME}</c> references.
    /// </summary>
    private sealed class QuoteLookalikeStrings(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Style == ScalarStyle.Any && eventInfo.Source.Value is string text && LooksLikeSomethingElse(text))
                eventInfo.Style = ScalarStyle.DoubleQuoted;
            base.Emit(eventInfo, emitter);
        }

        private static bool LooksLikeSomethingElse(string text) =>
            text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '.' or '+' or '-' || text.AsSpan().IndexOfAny(":#{}[],") >= 0);
    }
}
