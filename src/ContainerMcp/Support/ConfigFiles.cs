using ContainerMcp.Engine.Config;

namespace ContainerMcp.Support;

/// <summary>Configuration files by PowerShell path (relative to the current location, wildcards allowed), filtered by server name.</summary>
internal static class ConfigFiles
{
    public static IReadOnlyList<McpServerConfig> Load(PSCmdlet cmdlet, string path, string[]? names, bool allowPlaintextSecrets)
    {
        var files = cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider);
        if (provider.Name != "FileSystem")
            throw new ArgumentException($"'{path}' is not a file-system path; configuration files are read from disk.");
        var servers = files.SelectMany(file => McpConfigFile.Load(file, allowPlaintextSecrets)).ToList();
        if (names is not { Length: > 0 }) return servers;

        var selected = servers.Where(s => names.Any(n => NamePattern.IsMatch(n, s.Name))).ToList();
        var missing = names.Where(n => !NamePattern.HasWildcards(n) && !servers.Any(s => s.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
            throw new McpConfigException(
                $"'{path}' describes no server named {string.Join(", ", missing.Select(m => $"'{m}'"))}. " +
                $"It describes: {string.Join(", ", servers.Select(s => s.Name))}.", key: "name");
        return selected;
    }
}
