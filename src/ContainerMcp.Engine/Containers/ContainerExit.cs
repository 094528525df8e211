namespace ContainerMcp.Engine.Containers;

/// <summary>How a server's container ended, as the daemon recorded it.</summary>
public sealed record ContainerExit(int ExitCode, bool OomKilled, string? Error, DateTimeOffset? FinishedAt)
{
    /// <summary>A phrase for messages: "exited with code 3", "was killed (exit code 137)", "was killed for exceeding its memory limit".</summary>
    public string Describe() => this switch
    {
        { OomKilled: true } => $"was killed for exceeding its memory limit (exit code {ExitCode})",
        { ExitCode: 137 } => "was killed (SIGKILL, exit code 137)",
        { ExitCode: 143 } => "was terminated (SIGTERM, exit code 143)",
        _ when !string.IsNullOrEmpty(Error) => $"exited with code {ExitCode}: {Error}",
        _ => $"exited with code {ExitCode}",
    };
}
