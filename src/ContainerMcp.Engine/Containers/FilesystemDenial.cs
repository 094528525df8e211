using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// Recognises, in a tool's error text or a dead server's stderr, a write the container's filesystem refused: the
/// read-only root (EROFS), or a path the server's user may not write (EACCES). Such a server needs a writable
/// path — a state volume — which the caller can then suggest. A denial that is not about a path (a database's
/// "permission denied for table x") is not one.
/// </summary>
public static partial class FilesystemDenial
{
    public static bool Matches(string? text) => !string.IsNullOrEmpty(text) && Pattern().IsMatch(text);

    // EROFS / EACCES: Node's fs errors ("EROFS: read-only file system, open '/app/x'").
    // "Read-only file system": every libc's strerror, Python's "[Errno 30] Read-only file system: '/x'" included.
    // "Permission denied" only next to a path: Python's "[Errno 13] Permission denied: '/x'", Go's "open /x: permission denied".
    [GeneratedRegex(
        @"\bEROFS\b|\bEACCES\b|read-only file system|\[Errno 13\]|permission denied\W{0,4}/|/[^\s:'""]*['""]?:\s*permission denied",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
