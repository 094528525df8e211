namespace ContainerMcp.Support;

/// <summary>
/// A command at work with one server: what that server asks of its client and the log messages it sends while the
/// work runs reach this command's <see cref="Writer"/> (prompts and script blocks run on its pipeline thread).
/// </summary>
/// <param name="ElicitationResponse">The answer given in advance (-ElicitationResponse), if any.</param>
/// <param name="CanPrompt">Whether the host can ask the person at the prompt (see <see cref="HostAbilities"/>).</param>
internal sealed record ClientCallScope(string ServerName, PipelineWriter Writer, object? ElicitationResponse, bool CanPrompt);

/// <summary>What the host of a command can do, read on its pipeline thread.</summary>
internal static class HostAbilities
{
    /// <summary>
    /// True only in an interactive console: not under -NonInteractive, not with input redirected, not in a job or a
    /// remote or hosted runspace (their host is not ConsoleHost). Elsewhere a prompt could hang or fail, so we decline.
    /// </summary>
    public static bool CanPrompt(PSCmdlet cmdlet) =>
        cmdlet.Host?.UI is not null && cmdlet.Host.Name == "ConsoleHost" && !Console.IsInputRedirected
        && !StartedNonInteractive;

    // The process's command line does not change: read once, not on every call.
    private static readonly bool StartedNonInteractive = Environment.GetCommandLineArgs().Skip(1).Any(IsNonInteractiveSwitch);

    // pwsh takes any unambiguous prefix of -NonInteractive (-noni, -NonI…), with one dash or two, or a slash on Windows.
    private static bool IsNonInteractiveSwitch(string argument)
    {
        var name = argument.TrimStart('-', '/');
        return name.Length >= 4 && argument.Length > name.Length && "noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The server log level a command asks for: debug under -Debug / $DebugPreference, info under -Verbose /
    /// $VerbosePreference, else null (the server's level is left as it is).</summary>
    public static string? LogLevel(PSCmdlet cmdlet) =>
        Wants(cmdlet, "Debug", "DebugPreference") ? "debug" : Wants(cmdlet, "Verbose", "VerbosePreference") ? "info" : null;

    private static bool Wants(PSCmdlet cmdlet, string parameter, string preference)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out var given))
            return given is SwitchParameter { IsPresent: true } || given is true;
        var value = cmdlet.GetVariableValue(preference);
        return (value is PSObject wrapped ? wrapped.BaseObject : value) is ActionPreference p
            && p is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }
}
