namespace ContainerMcp.Engine.Docker;

/// <summary>
/// Image references as the Engine API reads them, <c>[registry[:port]/]repository[:tag|@digest]</c>: a colon before
/// the last '/' belongs to a registry port, not a tag, and no tag means <c>latest</c>.
/// </summary>
internal static class ImageReference
{
    /// <summary>"repo/name:tag" → ("repo/name", "tag"); "name@sha256:…" → ("name", "sha256:…"); "name" → ("name", "latest").</summary>
    public static (string Repository, string Tag) Split(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at > 0) return (image[..at], image[(at + 1)..]);
        var colon = TagSeparator(image);
        return colon >= 0 ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    /// <summary>The reference as the daemon names what it pulled: "name" → "name:latest"; a tag or digest is kept.</summary>
    public static string WithTag(string image) =>
        image.Contains('@', StringComparison.Ordinal) || TagSeparator(image) >= 0 ? image : image + ":latest";

    private static int TagSeparator(string image) => image.LastIndexOf(':') is var colon && colon > image.LastIndexOf('/') ? colon : -1;
}
