namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// Turns a <c>--mount type=bind,source=…,target=…[,readonly]</c> value into the volume string ContainerMcp uses.
/// The mode is always written out: docker mounts read-write unless told otherwise, while a ContainerMcp volume
/// without <c>:rw</c> is read-only.
/// </summary>
internal static class DockerMountOption
{
    /// <summary>Returns the volume string, or why the mount cannot be expressed as one.</summary>
    public static (string? Volume, string? Problem) ToVolume(string mount)
    {
        var type = "volume"; // docker's own default
        string? source = null, target = null;
        var readOnly = false;

        foreach (var field in mount.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = field.IndexOf('=');
            var key = (equals < 0 ? field : field[..equals]).ToLowerInvariant();
            var value = equals < 0 ? null : field[(equals + 1)..];
            switch (key)
            {
                case "type": type = value ?? ""; break;
                case "source" or "src": source = value; break;
                case "target" or "destination" or "dst": target = value; break;
                case "readonly" or "ro":
                    if (!DockerRunFlags.TryParseSwitch(value, out readOnly))
                        return (null, $"'{field}' is neither true nor false.");
                    break;
                case "consistency": break; // a macOS performance hint with no effect on what the server sees
                default:
                    return (null, $"'{key}' is not one of the options that can be: type, source, target, readonly.");
            }
        }

        if (type is not ("bind" or "volume"))
            return (null, $"only bind and volume mounts can be, not '{type}' (every server already gets its own /tmp).");
        if (string.IsNullOrEmpty(source))
            return (null, "it names no source.");
        if (string.IsNullOrEmpty(target))
            return (null, "it names no target.");
        return ($"{source}:{target}:{(readOnly ? "ro" : "rw")}", null);
    }
}
