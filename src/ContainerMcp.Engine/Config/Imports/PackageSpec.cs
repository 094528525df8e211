using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>Checks on the package a runner (npx, uvx) is asked to fetch before it is baked into an image.</summary>
internal static partial class PackageSpec
{
    /// <summary>
    /// A package given as a path (<c>./server</c>, <c>/opt/x</c>, <c>C:\x</c>, <c>file:…</c>) lives on this
    /// machine, and the image is built without it.
    /// </summary>
    public static bool IsOnThisMachine(string spec) =>
        spec.StartsWith('.') || spec.StartsWith('/') || spec.StartsWith('~') || spec.StartsWith('\\')
        || spec.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
        || WindowsDrive().IsMatch(spec);

    private static readonly string[] ArchiveExtensions = [".whl", ".tar.gz", ".zip"];

    /// <summary>
    /// A python package archive on this machine (<c>/wheels/x-1.0-py3-none-any.whl</c>, <c>./x-1.0.tar.gz</c>): pip
    /// installs it on this machine like any package, and the image gets the installed files.
    /// </summary>
    public static bool IsLocalArchive(string spec) =>
        ArchiveExtensions.Any(e => spec.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && !spec.Contains("://", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex WindowsDrive();
}
