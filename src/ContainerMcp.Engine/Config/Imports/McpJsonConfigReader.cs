using System.Text.Json;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// Imports the servers other tools describe in JSON: MCP clients (Claude Desktop and Cursor <c>mcpServers</c>,
/// VS Code <c>servers</c> and settings <c>mcp.servers</c>) and MCP Hub's Docker integration
/// (<c>docker.serverConfigs</c>). References stay unresolved, so the result can be shown or saved as it is.
/// </summary>
public static class McpJsonConfigReader
{
    // VS Code writes its JSON files with comments and trailing commas.
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private const string Shapes =
        "{ \"mcpServers\": { … } } (Claude Desktop, Cursor), { \"servers\": { … } } (VS Code .vscode/mcp.json), " +
        "{ \"mcp\": { \"servers\": { … } } } (VS Code settings.json) and { \"docker\": { \"serverConfigs\": { … } } } (MCP Hub)";

    /// <summary>The servers in the file, in the order written; disabled ones are left out.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="path">The file it came from, named in every error.</param>
    /// <exception cref="McpConfigException">The JSON is not valid, or a server cannot be run in a container.</exception>
    public static IReadOnlyList<McpServerConfig> Read(string json, string path)
    {
        using var document = Parse(json, path);
        var root = new LocatedJson(document.RootElement, path, "");
        var clientSections = ClientSections(root);
        var hub = HubSection(root);
        if (clientSections.Count == 0 && hub is null)
            throw new McpConfigException($"{path}: no MCP servers found. Understood: {Shapes}.", root.Source);

        var (hubServers, defaultStrategy) = hub ?? ([], LifecycleStrategy.OnDemand);
        // MCP Hub runs a server with a Docker entry from that entry, in place of its mcpServers entry.
        var hubNames = hubServers.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var servers = new List<McpServerConfig>();

        foreach (var section in clientSections)
        {
            foreach (var (name, entry) in section.Properties())
            {
                if (hubNames.Contains(name)) continue;
                AddName(names, name, entry);
                if (ClientServerReader.Read(name, entry) is { } server)
                    servers.Add(server);
            }
        }

        foreach (var (name, entry) in hubServers)
        {
            AddName(names, name, entry);
            servers.Add(McpHubServerReader.Read(name, entry, defaultStrategy));
        }
        return servers;
    }

    private static JsonDocument Parse(string json, string path)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            // The reader appends its zero-based position to the message; the one-based line and column replace it.
            var reason = ex.Message.Split(" LineNumber:")[0];
            throw new McpConfigException($"{path}:{line}: not valid JSON at column {column}: {reason}", new ConfigSource(path, line), inner: ex);
        }
    }

    private static List<LocatedJson> ClientSections(LocatedJson root)
    {
        var sections = new List<LocatedJson>();
        if (root.Value.ValueKind != JsonValueKind.Object) return sections;
        if (root.Property("mcpServers") is { } claude) sections.Add(claude);
        if (root.Property("servers") is { } vsCode) sections.Add(vsCode);
        if (root.Property("mcp")?.Property("servers") is { } vsCodeSettings) sections.Add(vsCodeSettings);
        return sections;
    }

    /// <summary>MCP Hub's Docker servers with the strategy they default to; null when the file has none.</summary>
    private static (List<(string Name, LocatedJson Entry)> Servers, LifecycleStrategy DefaultStrategy)? HubSection(LocatedJson root)
    {
        if (root.Value.ValueKind != JsonValueKind.Object
            || root.Property("docker") is not { } docker
            || docker.Property("serverConfigs") is not { } serverConfigs)
            return null;

        // A server without its own strategy takes the integration's, which is on-demand unless set.
        var strategy = docker.Property("strategy") is { } s ? McpHubServerReader.ReadStrategy(s) : LifecycleStrategy.OnDemand;
        // The hub ignores its server list when the integration is switched off, and so does the import.
        var enabled = docker.Property("enabled")?.AsBoolean() ?? true;
        return (enabled ? serverConfigs.Properties().ToList() : [], strategy);
    }

    private static void AddName(HashSet<string> names, string name, LocatedJson entry)
    {
        if (!names.Add(name))
            throw entry.Error($"Server '{name}' is described twice; server names are compared without regard to case.");
    }
}
