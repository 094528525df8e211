using System.Text;
using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Config;

/// <summary>Looks up a named secret (SecretManagement in the module); null when there is no such secret.</summary>
public interface ISecretSource
{
    /// <summary>False when there is no store to ask. Asked only when a <c>${secret:…}</c> reference is met, so a
    /// source may find out lazily (looking for a store can be slow).</summary>
    bool IsAvailable => true;

    string? GetSecret(string name);
}

/// <summary>
/// <c>${env:NAME}</c> and <c>${secret:Name}</c> references inside configuration values, resolved only when a server
/// starts. <c>$${</c> writes a literal <c>${</c>.
/// </summary>
public static partial class CredentialReferences
{
    public static bool ContainsReference(string value) => Reference().IsMatch(value);

    /// <summary>The references a value holds, as (kind, name) pairs.</summary>
    public static IEnumerable<(string Kind, string Name)> Find(string value) =>
        Reference().Matches(value).Where(m => !m.Groups["escape"].Success).Select(m => (m.Groups["kind"].Value, m.Groups["name"].Value));

    /// <summary>
    /// Replaces every reference in <paramref name="value"/>. <paramref name="where"/> names the value for errors
    /// ("server 'pg', env PGPASSWORD"); the resolved text never appears in an error.
    /// </summary>
    public static string Resolve(string value, string where, Func<string, string?> environment, ISecretSource? secrets)
    {
        var result = new StringBuilder();
        int last = 0;
        foreach (Match m in Reference().Matches(value))
        {
            result.Append(value, last, m.Index - last);
            last = m.Index + m.Length;
            if (m.Groups["escape"].Success) { result.Append(m.Value[1..]); continue; }
            var name = m.Groups["name"].Value;
            result.Append(m.Groups["kind"].Value.ToLowerInvariant() switch
            {
                "env" => environment(name) ?? throw new McpConfigException(
                    $"{where} refers to ${{env:{name}}}, but the environment variable '{name}' is not set. " +
                    "Set it before starting the server.", key: name, next: NextStep.SetVariable),
                _ => ResolveSecret(name, where, secrets),
            });
        }
        return result.Append(value, last, value.Length - last).ToString();
    }

    private static string ResolveSecret(string name, string where, ISecretSource? secrets)
    {
        if (secrets is not { IsAvailable: true })
            throw new McpConfigException(
                $"{where} refers to ${{secret:{name}}}, but no secret store is available. Install the " +
                "Microsoft.PowerShell.SecretManagement module and register a vault, or use ${env:NAME} instead.", key: name);
        return secrets.GetSecret(name) ?? throw new McpConfigException(
            $"{where} refers to ${{secret:{name}}}, but no secret named '{name}' was found. Add it to a vault.", key: name, next: NextStep.AddSecret);
    }

    // $${...} is an escaped literal; ${env:NAME} or ${secret:Name} a reference.
    [GeneratedRegex(@"(?<escape>\$)?\$\{(?<kind>env|secret):(?<name>[^}\s]+)\}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
