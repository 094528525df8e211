namespace ContainerMcp.Engine.Docker;

/// <summary>Engine API version arithmetic ("1.41" style, compared numerically so "1.9" &lt; "1.41").</summary>
internal static class DockerApiVersion
{
    /// <summary>The newest API version this client was written against.</summary>
    public const string Maximum = "1.47";

    /// <summary>The version both sides speak: the daemon's own, capped at <see cref="Maximum"/>.</summary>
    public static string Negotiate(string daemonVersion)
    {
        if (!Version.TryParse(daemonVersion, out var daemon))
        {
            throw new DockerEngineException(
                $"The Docker engine reported an API version that cannot be read: '{daemonVersion}'.");
        }

        return daemon < Version.Parse(Maximum) ? $"{daemon.Major}.{daemon.Minor}" : Maximum;
    }

    public static bool IsAtLeast(string version, string minimum) =>
        Version.Parse(version) >= Version.Parse(minimum);
}
