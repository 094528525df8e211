using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Config;

/// <summary>
/// What looks like a secret: values under keys such as PASSWORD or API_KEY, and passwords inside URLs.
/// Used to refuse literal secrets in configuration files and to keep them out of exports.
/// </summary>
public static partial class SecretDetection
{
    /// <summary>PASSWORD, PGPASSWORD, API_KEY, GITHUB_TOKEN, CLIENT_SECRET, AWS_SECRET_ACCESS_KEY, CREDENTIALS, …</summary>
    public static bool IsSecretKey(string key) => SecretKey().IsMatch(key);

    /// <summary>A URL with a password in it, such as <c>postgresql://user:pw@host/db</c>.</summary>
    public static bool HasUrlPassword(string value) => UrlPassword().IsMatch(value);

    /// <summary>True when the value is a literal (no reference) that must not be written down or shown.</summary>
    public static bool IsLiteralSecret(string key, string value) =>
        value.Length > 0 && !CredentialReferences.ContainsReference(value) && (IsSecretKey(key) || HasUrlPassword(value));

    /// <summary>True for an argument that is a URL with a literal password in it (a reference there is fine).</summary>
    public static bool IsLiteralUrlPassword(string value) => HasUrlPassword(value) && !CredentialReferences.ContainsReference(value);

    /// <summary>
    /// Refuses literal secrets in a server's environment and arguments, with a message that shows the safe way,
    /// unless the configuration (allow_plaintext_secrets) or the caller allows them.
    /// </summary>
    public static void Check(McpServerConfig config, bool allowPlaintext = false)
    {
        if (allowPlaintext || config.AllowPlaintextSecrets) return;
        var where = config.Source is { } source ? $"{source}: " : "";
        foreach (var (key, value) in config.McpServer.Env)
        {
            if (!IsLiteralSecret(key, value)) continue;
            throw new McpConfigException(
                $"{where}server '{config.Name}': env {key} holds a literal value, and {key} looks like a secret. " +
                $"Keep secrets out of files: write {key}: \"${{env:{key}}}\" (or \"${{secret:{key}}}\" with SecretManagement) " +
                "and set the value where the server starts. To keep the literal anyway, set allow_plaintext_secrets: true " +
                "on the server.", config.Source, $"mcp_server.env.{key}", next: NextStep.AllowPlaintextSecret);
        }
        for (int i = 0; i < config.McpServer.Args.Count; i++)
        {
            var arg = config.McpServer.Args[i];
            if (!IsLiteralUrlPassword(arg)) continue;
            throw new McpConfigException(
                $"{where}server '{config.Name}': args[{i}] is a URL with a password in it. Leave the password out of the URL " +
                "and pass it through env with a reference (for PostgreSQL: PGPASSWORD: \"${env:PGPASSWORD}\"), or write the " +
                "password part as ${env:NAME}. To keep it anyway, set allow_plaintext_secrets: true.",
                config.Source, $"mcp_server.args[{i}]", next: NextStep.AllowPlaintextSecret);
        }
    }

    /// <summary>The value with any URL password replaced by ***, for messages and views.</summary>
    public static string MaskUrlPassword(string value) => UrlPassword().Replace(value, "${scheme}${user}:***@");

    // Whole words between underscores for the short ones, so BYPASS_CACHE, KEYBOARD or AUTH_MODE do not count.
    [GeneratedRegex(@"(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|CREDENTIAL|(^|_)(PASS|PWD|KEY|PAT)($|_))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?<user>[^:/@\s]*):(?<pw>[^@/\s]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();
}
