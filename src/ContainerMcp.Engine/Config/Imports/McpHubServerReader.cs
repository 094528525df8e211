using System.Text.Json;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// Reads one entry of MCP Hub's Docker integration (<c>docker.serverConfigs.&lt;name&gt;</c>): an image with a
/// start-up strategy, a volume map, environment and resource limits. Every key is either translated, known to
/// be a hint for the hub alone, or refused, so nothing in the entry is silently dropped.
/// </summary>
internal static class McpHubServerReader
{
    // Hints for the hub's own scheduling and its login flow; they say nothing about the container.
    private static readonly HashSet<string> HubOnlyKeys = ["lightweight", "requiresAuth"];

    private static readonly HashSet<string> TranslatedKeys =
    [
        "image", "imageTag", "strategy", "volumes", "environment", "resourceLimits", "networkMode", "command",
        "exposePort", "securityOpt", "capabilities",
    ];

    public static McpServerConfig Read(string name, LocatedJson at, LifecycleStrategy defaultStrategy)
    {
        var unknown = at.Properties().Select(p => p.Name).Where(k => !TranslatedKeys.Contains(k) && !HubOnlyKeys.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw at.Error(
                $"Server '{name}' has keys an import cannot translate: {string.Join(", ", unknown)}. " +
                $"Understood: {string.Join(", ", TranslatedKeys.Concat(HubOnlyKeys))}.");

        RefuseLoosening(name, at);
        var limits = at.Property("resourceLimits") is { } limitsAt ? ReadLimits(name, limitsAt) : new ResourceLimitsConfig();

        return new McpServerConfig
        {
            Name = name,
            Image = ReadImage(name, at),
            Lifecycle = new LifecycleConfig { Strategy = at.Property("strategy") is { } s ? ReadStrategy(s) : defaultStrategy },
            McpServer = new McpProcessConfig
            {
                // The hub appends "command" after the image on its docker run line: it is the container's command.
                Args = (at.Property("command")?.Items() ?? []).Select(Text).ToList(),
                Env = (at.Property("environment")?.Properties() ?? [])
                    .ToDictionary(e => e.Name, e => ClientVariables.Translate(e.Value.AsScalarText(), e.Value), StringComparer.Ordinal),
            },
            ResourceLimits = limits,
            Volumes = at.Property("volumes") is { } volumes ? ReadVolumes(volumes) : [],
            Network = at.Property("networkMode") is { } network ? Text(network) : null,
            Source = at.Source,
        };
    }

    /// <summary>"on-demand", "pre-warmed" or "always-on"; the hub's "scheduled" has no counterpart.</summary>
    public static LifecycleStrategy ReadStrategy(LocatedJson at) =>
        LifecycleStrategyNames.ByName.TryGetValue(at.AsString(), out var strategy)
            ? strategy
            : throw at.Error($"the strategy '{at.AsString()}' cannot be translated; only on-demand, pre-warmed and always-on can.");

    private static string ReadImage(string name, LocatedJson at)
    {
        var image = Text(at.Property("image") ?? throw at.Error($"Server '{name}' names no image."));
        if (at.Property("imageTag") is not { } tagAt)
            return image;

        // The hub writes image:tag itself, so an image that already has a tag or digest gives it twice.
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        if (lastSegment.Contains(':') || image.Contains('@'))
            throw tagAt.Error($"Server '{name}' gives a tag both in image and in imageTag; keep one.");
        return $"{image}:{Text(tagAt)}";
    }

    /// <summary>The hub's map <c>{ "host path": "container path" }</c>, or a list of docker volume strings.</summary>
    private static List<string> ReadVolumes(LocatedJson at) => at.Value.ValueKind == JsonValueKind.Array
        ? at.Items().Select(Text).ToList()
        : at.Properties().Select(v => $"{ClientVariables.Translate(v.Name, v.Value)}:{Text(v.Value)}").ToList();

    private static ResourceLimitsConfig ReadLimits(string name, LocatedJson at)
    {
        var limits = new ResourceLimitsConfig();
        foreach (var (key, value) in at.Properties())
        {
            limits = key switch
            {
                "memory" => limits with { MemoryMB = ReadMemory(value) },
                "cpus" => limits with { CpuCores = ReadCpus(value) },
                _ => throw value.Error($"Server '{name}': the resource limit '{key}' cannot be translated; only memory and cpus can."),
            };
        }
        return limits;
    }

    private static double ReadCpus(LocatedJson at)
    {
        var cpus = at.AsNumber();
        return cpus > 0 && double.IsFinite(cpus) ? cpus : throw at.Error("cpus must be a number above zero.");
    }

    /// <summary>A docker size (<c>"512m"</c>, <c>"1g"</c>) or a number of megabytes.</summary>
    private static int ReadMemory(LocatedJson at)
    {
        if (at.Value.ValueKind == JsonValueKind.Number)
            return at.Value.TryGetInt32(out var megabytes) && megabytes > 0
                ? megabytes
                : throw at.Error("memory as a number is a whole number of megabytes above zero.");
        return MemorySize.TryParseMegabytes(at.AsString(), out var parsed)
            ? parsed
            : throw at.Error($"'{at.AsString()}' is not a memory size docker understands (512m, 1g, 1024k or bytes).");
    }

    /// <summary>Keys that would open the container beyond what ContainerMcp allows; their harmless values pass.</summary>
    private static void RefuseLoosening(string name, LocatedJson at)
    {
        if (at.Property("exposePort") is { } expose && expose.Value.ValueKind is not (JsonValueKind.False or JsonValueKind.Null))
            throw expose.Error($"Server '{name}' publishes a port; ContainerMcp talks to the server over its stdio only.");

        foreach (var option in at.Property("securityOpt")?.Items() ?? [])
        {
            if (option.AsString() is not ("no-new-privileges" or "no-new-privileges:true"))
                throw option.Error($"Server '{name}': the security option cannot be translated: it changes the confinement ContainerMcp relies on.");
        }

        if (at.Property("capabilities") is not { } capabilities)
            return;
        foreach (var (key, list) in capabilities.Properties())
        {
            // Dropping is what ContainerMcp does anyway (it drops all); adding one back is not allowed.
            if (key == "add" && list.Items().Count > 0)
                throw list.Error($"Server '{name}' adds capabilities back; ContainerMcp drops them all and does not add any.");
            if (key is not ("add" or "drop"))
                throw capabilities.Error($"Server '{name}': the capabilities key '{key}' cannot be translated; only add and drop can.");
        }
    }

    private static string Text(LocatedJson at) => ClientVariables.Translate(at.AsString(), at);
}
