namespace ContainerMcp.Engine.Containers;

/// <summary>
/// A volume string split into its host side, container path and mode, the way the docker CLI splits <c>-v</c>: a
/// Windows drive (<c>C:\data</c>, <c>c:/data</c>) keeps its colon, so <c>C:\data:/data:ro</c> is three parts, not four.
/// UNC shares (<c>\\server\share</c>) and POSIX paths have no colon of their own.
/// </summary>
internal readonly record struct BindSpec(string Source, string Target, string? Mode)
{
    /// <summary>The parts, or null when the string is not <c>source:/target[:mode]</c>.</summary>
    public static BindSpec? Split(string bind)
    {
        var drive = DriveLength(bind);
        var parts = bind[drive..].Split(':');
        if (parts.Length is < 2 or > 3) return null;
        var source = bind[..drive] + parts[0];
        if (source.Length == 0 || source.Length == drive || !parts[1].StartsWith('/')) return null;
        return new BindSpec(source, parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>2 when the string starts with a drive letter and its colon followed by a slash (<c>C:\</c>, <c>c:/</c>); else 0.</summary>
    private static int DriveLength(string bind) =>
        bind.Length >= 3 && char.IsAsciiLetter(bind[0]) && bind[1] == ':' && bind[2] is '\\' or '/' ? 2 : 0;
}
