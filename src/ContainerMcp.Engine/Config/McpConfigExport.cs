namespace ContainerMcp.Engine.Config;

/// <summary>
/// Makes a configuration safe to write down: literal secrets (allowed at start with allow_plaintext_secrets)
/// become ${env:KEY} references and URL passwords are masked, so an export never holds a secret value.
/// </summary>
public static class McpConfigExport
{
    /// <summary>The safe configuration, and the keys whose values were replaced (for a warning).</summary>
    public static (McpServerConfig Config, IReadOnlyList<string> Redacted) Sanitize(McpServerConfig config)
    {
        var redacted = new List<string>();
        var env = config.McpServer.Env.ToDictionary(e => e.Key, e =>
        {
            if (!SecretDetection.IsLiteralSecret(e.Key, e.Value)) return e.Value;
            redacted.Add($"env {e.Key}");
            return $"${{env:{e.Key}}}";
        });
        var args = config.McpServer.Args.Select((a, i) =>
        {
            if (!SecretDetection.IsLiteralUrlPassword(a)) return a;
            redacted.Add($"args[{i}]");
            return SecretDetection.MaskUrlPassword(a);
        }).ToList();
        var safe = config with
        {
            McpServer = config.McpServer with { Env = env, Args = args },
            // The literals are gone, so the export needs no permission for them.
            AllowPlaintextSecrets = false,
            Source = null,
        };
        return (safe, redacted);
    }

    /// <summary>What to tell the user when <see cref="Sanitize"/> replaced values, or null when it replaced none.</summary>
    public static string? RedactionNotice(string serverName, IReadOnlyList<string> redacted) => redacted.Count == 0 ? null
        : $"Server '{serverName}': {string.Join(", ", redacted)} held secret values; the export writes ${{env:…}} references " +
          "or masks in their place. Set those variables where the file is used.";
}
