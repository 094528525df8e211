using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// Rewrites the <c>${…}</c> variables other tools write into ContainerMcp's references. Only environment
/// variables and prompted secrets mean the same thing inside a container; anything else the client would
/// fill in (<c>${workspaceFolder}</c>, <c>${userHome}</c>, mcp-hub's <c>${cmd: …}</c>) is refused rather than
/// handed to the server as literal text.
/// </summary>
internal static partial class ClientVariables
{
    public static string Translate(string value, LocatedJson at) =>
        Variable().Replace(value, match =>
        {
            var body = match.Groups["body"].Value;
            if (body.StartsWith("env:", StringComparison.Ordinal) || body.StartsWith("secret:", StringComparison.Ordinal))
                return match.Value;
            // VS Code asks the user for an input once and keeps it; a ContainerMcp secret plays that part.
            if (body.StartsWith("input:", StringComparison.Ordinal))
                return "${secret:" + body["input:".Length..] + "}";
            throw at.Error(
                $"'{match.Value}' is a variable of the client that ContainerMcp cannot resolve. " +
                "Write the value itself, ${env:NAME} to take it from the environment, or ${secret:Name} for a stored secret.");
        });

    [GeneratedRegex(@"\$\{(?<body>[^}]*)\}")]
    private static partial Regex Variable();
}
