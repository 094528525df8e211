namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// A server's arguments that name a directory or file on this machine (an absolute path that exists, as
/// server-filesystem's allowed directories are) become mounts at the same path, so the argument means the same
/// inside the container. Mounts are read-only, as every volume is unless it says <c>:rw</c>.
/// </summary>
internal static class HostPathArguments
{
    /// <param name="args">The server's own arguments (the runner's are already gone).</param>
    /// <param name="exists">Whether a path exists on this machine; the file system by default.</param>
    public static IReadOnlyList<string> Volumes(IEnumerable<string> args, Func<string, bool>? exists = null)
    {
        exists ??= path => Directory.Exists(path) || File.Exists(path);
        // Only POSIX paths: the argument must name the same path inside the (Linux) container, which has no C:\.
        return args
            .Where(a => a.StartsWith('/') && !a.Contains(':', StringComparison.Ordinal) && a.Length > 1 && exists(a))
            .Select(a => a.TrimEnd('/'))
            .Distinct(StringComparer.Ordinal)
            .Select(path => $"{path}:{path}")
            .ToList();
    }
}
