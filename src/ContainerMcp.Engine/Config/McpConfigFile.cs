using ContainerMcp.Engine.Config.Imports;

namespace ContainerMcp.Engine.Config;

/// <summary>
/// Reads server configurations from a file in any format ContainerMcp understands (its own YAML; Claude Desktop,
/// VS Code and MCP Hub JSON) and refuses literal secrets in them unless allowed.
/// </summary>
public static class McpConfigFile
{
    public static IReadOnlyList<McpServerConfig> Load(string path, bool allowPlaintextSecrets = false)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new McpConfigException($"Cannot read the configuration file '{path}': {ex.Message}", new ConfigSource(path, 0), inner: ex);
        }
        var servers = Parse(text, path);
        foreach (var server in servers) SecretDetection.Check(server, allowPlaintextSecrets);
        return servers;
    }

    /// <summary>JSON when the name says so or the text starts with a brace; YAML otherwise.</summary>
    public static IReadOnlyList<McpServerConfig> Parse(string text, string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        bool json = extension is ".json" or ".jsonc" || (extension is not (".yaml" or ".yml") && text.TrimStart().StartsWith('{'));
        return json ? McpJsonConfigReader.Read(text, path) : McpConfigYamlReader.Read(text, path);
    }
}
