using System.Text.RegularExpressions;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Config.Imports;

namespace ContainerMcp.Engine.Images;

/// <summary>
/// What a package spec (npm or pip, as written) is called: for the repository an image is tagged into, and for
/// picking the program named like the package.
/// </summary>
public static partial class PackageNames
{
    /// <summary>A python package archive on this machine (a wheel or sdist path): pip installs it from there.</summary>
    public static bool IsLocalArchive(string spec) => PackageSpec.IsLocalArchive(spec);

    /// <summary>"@scope/server-memory@1.2" → "server-memory"; "mcp-server-git==0.6" → "mcp-server-git"; a wheel → its distribution.</summary>
    public static string ShortName(string spec, RuntimeKind kind)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (IsLocalArchive(spec))
        {
            var file = Path.GetFileName(spec.Replace('\\', '/'));
            // A wheel is name-version-tags.whl; an sdist is name-version.tar.gz.
            return spec.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) ? file.Split('-')[0] : VersionSuffix().Replace(file, "");
        }
        if (spec.Contains("://", StringComparison.Ordinal) || spec.StartsWith("git+", StringComparison.Ordinal) || spec.StartsWith("github:", StringComparison.Ordinal))
        {
            var path = spec.Split('#')[0].TrimEnd('/');
            var last = path[(path.LastIndexOfAny(['/', ':']) + 1)..];
            return last.Split('@')[0].Replace(".git", "", StringComparison.Ordinal);
        }
        if (kind == RuntimeKind.Node)
        {
            var name = HostPackages.PackageName(spec);
            return name[(name.LastIndexOf('/') + 1)..];
        }
        return PythonName().Match(spec) is { Success: true } match ? match.Value : spec;
    }

    /// <summary>The repository for an image of these packages: <c>containermcp/&lt;first package&gt;</c>; null when there are none.</summary>
    public static string? Repository(IReadOnlyList<string> packages, RuntimeKind kind)
    {
        if (packages.Count == 0) return null;
        var component = Comparable(ShortName(packages[0], kind)).Replace('_', '-');
        component = Separators().Replace(NotAllowed().Replace(component, "-"), "-").Trim('-', '.');
        return component.Length == 0 ? null : $"containermcp/{component}";
    }

    /// <summary>Lower case with runs of <c>-_.</c> as one <c>-</c> (PEP 503): how python names compare.</summary>
    public static string Comparable(string name) => Separators().Replace(name.ToLowerInvariant(), "-");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*")]
    private static partial Regex PythonName();

    [GeneratedRegex(@"-\d[^-]*(\.tar\.gz|\.zip)$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionSuffix();

    [GeneratedRegex(@"[^a-z0-9.-]")]
    private static partial Regex NotAllowed();

    [GeneratedRegex(@"[-_.]+")]
    private static partial Regex Separators();
}
