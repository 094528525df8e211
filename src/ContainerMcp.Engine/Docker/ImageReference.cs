using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// An image reference as Docker reads it, <c>[registry[:port]/]repository[:tag][@digest]</c> (the grammar of
/// distribution/reference): the first path component is a registry when it has a '.' or ':', is <c>localhost</c>, or
/// has capitals; the repository is lowercase letters and digits with '.', '_', '__' or '-' between them; no tag means
/// <c>latest</c>. Checked here, so a malformed one is an argument error before the daemon is asked.
/// </summary>
public sealed partial record ImageReference(string? Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>Docker's limit on the whole name (registry and repository).</summary>
    public const int MaxNameLength = 255;

    /// <summary>What a reference looks like, for messages.</summary>
    public const string Form = "[registry[:port]/]repository[:tag][@digest], e.g. containermcp/node:local or localhost:5000/team/server:1.2";

    /// <summary>The reference's parts.</summary>
    /// <exception cref="InvalidImageReferenceException">It is not a reference Docker accepts.</exception>
    public static ImageReference Parse(string reference) =>
        TryParse(reference, out var parsed, out var problem) ? parsed : throw new InvalidImageReferenceException(reference, problem);

    /// <summary>Throws unless Docker accepts <paramref name="reference"/>.</summary>
    /// <exception cref="InvalidImageReferenceException">It is not a reference Docker accepts.</exception>
    public static void Validate(string reference) => _ = Parse(reference);

    /// <summary>The parts, or what is wrong in words a user can act on.</summary>
    public static bool TryParse(string? reference, out ImageReference parsed, out string problem)
    {
        parsed = null!;
        problem = Problem(reference ?? "", out var match);
        if (match is null) return false;
        var name = match.Groups["name"].Value;
        var (registry, repository) = SplitRegistry(name);
        parsed = new ImageReference(registry, repository,
            match.Groups["tag"].Success ? match.Groups["tag"].Value : null,
            match.Groups["digest"].Success ? match.Groups["digest"].Value : null);
        return true;
    }

    /// <summary>True for what reads as an npm package rather than an image: a scope (<c>@scope/name</c>), or <c>name@version</c>.</summary>
    public static bool LooksLikePackage(string reference) =>
        reference.StartsWith('@') || (reference.IndexOf('@') is var at and > 0 && !reference[(at + 1)..].Contains(':'));

    public override string ToString() =>
        (Registry is null ? "" : Registry + "/") + Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>"repo/name:tag" → ("repo/name", "tag"); "name@sha256:…" → ("name", "sha256:…"); "name" → ("name", "latest").</summary>
    internal static (string Repository, string Tag) Split(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at > 0) return (image[..at], image[(at + 1)..]);
        var colon = TagSeparator(image);
        return colon >= 0 ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    /// <summary>The reference as the daemon names what it pulled: "name" → "name:latest"; a tag or digest is kept.</summary>
    internal static string WithTag(string image) =>
        image.Contains('@', StringComparison.Ordinal) || TagSeparator(image) >= 0 ? image : image + ":latest";

    private static int TagSeparator(string image) => image.LastIndexOf(':') is var colon && colon > image.LastIndexOf('/') ? colon : -1;

    private static string Problem(string reference, out Match? match)
    {
        match = null;
        if (reference.Length == 0) return "it is empty";
        if (reference.Any(char.IsWhiteSpace)) return "it contains white space";
        var found = Grammar().Match(reference);
        if (!found.Success) return Mismatch(reference);
        if (found.Groups["name"].Value.Length > MaxNameLength) return $"the name is longer than {MaxNameLength} characters";
        match = found;
        return "";
    }

    /// <summary>Why a reference does not fit the grammar, the first thing wrong from the left.</summary>
    private static string Mismatch(string reference)
    {
        var at = reference.IndexOf('@', 1);
        var name = at > 0 ? reference[..at] : reference;
        var colon = TagSeparator(name);
        var repository = colon >= 0 ? name[..colon] : name;
        if (repository.Length == 0 || (reference.StartsWith('@') && DigestPattern().IsMatch(reference[1..]))) return "the repository name is missing before ':' or '@'";
        if (Grammar().IsMatch(reference.ToLowerInvariant())) return $"the repository '{SplitRegistry(repository).Repository}' must be lowercase";
        if (at > 0 && !DigestPattern().IsMatch(reference[(at + 1)..]))
            return $"'{reference[(at + 1)..]}' after '@' is not a digest (algorithm:hex, e.g. sha256: and 64 hex digits)";
        if (colon >= 0 && !TagPattern().IsMatch(name[(colon + 1)..]))
            return $"the tag '{name[(colon + 1)..]}' may hold only letters, digits, '_', '.' and '-' (not first), at most 128";
        var (registry, path) = SplitRegistry(repository);
        var bad = path.Split('/').FirstOrDefault(c => !ComponentPattern().IsMatch(c));
        return bad is not null
            ? $"'{bad}' is not a repository path component: lowercase letters and digits, with '.', '_', '__' or '-' only between them"
            : $"'{registry}' is not a registry host[:port]";
    }

    /// <summary>Docker's rule: the first component is a registry if it has '.' or ':', is localhost, or has capitals.</summary>
    private static (string? Registry, string Repository) SplitRegistry(string name)
    {
        var slash = name.IndexOf('/');
        if (slash < 0) return (null, name);
        var first = name[..slash];
        return first.IndexOfAny(['.', ':']) >= 0 || first == "localhost" || first.Any(char.IsUpper)
            ? (first, name[(slash + 1)..])
            : (null, name);
    }

    private const string Component = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private const string Host = @"(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?";
    private const string TagText = @"[\w][\w.-]{0,127}";
    private const string DigestText = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    [GeneratedRegex($"^(?<name>(?:{Host}/)?{Component}(?:/{Component})*)(?::(?<tag>{TagText}))?(?:@(?<digest>{DigestText}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    [GeneratedRegex($"^{Component}$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentPattern();

    [GeneratedRegex($"^{TagText}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex($"^{DigestText}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();
}
