namespace ContainerMcp.Engine.Audit;

/// <summary>Where the audit log goes, when it rotates, and whether argument values are kept.</summary>
public sealed record AuditLogOptions
{
    public required string Path { get; init; }

    /// <summary>The file is rotated (audit.log → audit.log.1 …) before a line would take it past this size.</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>How many rotated files are kept besides the current one.</summary>
    public int Keep { get; init; } = 5;

    /// <summary>Record argument values (secret-looking ones always redacted); off by default.</summary>
    public bool IncludeArgumentValues { get; init; }

    /// <summary>~/.local/share/ContainerMcp/audit.log on Linux, %LOCALAPPDATA%\ContainerMcp\audit.log on Windows.</summary>
    public static string DefaultPath => System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "ContainerMcp", "audit.log");

    /// <summary>
    /// From CONTAINERMCP_AUDIT_LOG (a path, or "off"), CONTAINERMCP_AUDIT_MAX_MB, CONTAINERMCP_AUDIT_KEEP and
    /// CONTAINERMCP_AUDIT_ARGUMENT_VALUES (true/1). Null when the log is turned off.
    /// </summary>
    public static AuditLogOptions? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable("CONTAINERMCP_AUDIT_LOG");
        if (string.Equals(path, "off", StringComparison.OrdinalIgnoreCase)) return null;
        var options = new AuditLogOptions { Path = string.IsNullOrWhiteSpace(path) ? DefaultPath : System.IO.Path.GetFullPath(path) };
        if (double.TryParse(Environment.GetEnvironmentVariable("CONTAINERMCP_AUDIT_MAX_MB"), System.Globalization.CultureInfo.InvariantCulture, out var mb) && mb > 0)
            options = options with { MaxBytes = (long)(mb * 1024 * 1024) };
        if (int.TryParse(Environment.GetEnvironmentVariable("CONTAINERMCP_AUDIT_KEEP"), out var keep) && keep >= 0)
            options = options with { Keep = keep };
        if (Environment.GetEnvironmentVariable("CONTAINERMCP_AUDIT_ARGUMENT_VALUES") is "1" or "true" or "True" or "TRUE")
            options = options with { IncludeArgumentValues = true };
        return options;
    }
}
