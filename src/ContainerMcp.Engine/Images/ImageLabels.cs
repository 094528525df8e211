namespace ContainerMcp.Engine.Images;

/// <summary>
/// Labels on the images ContainerMcp makes. Not <c>io.containermcp.managed</c>: a container inherits its image's labels,
/// and that one marks containers a session owns (and the orphan sweep removes).
/// </summary>
public static class ImageLabels
{
    public const string Managed = "io.containermcp.image.managed";

    /// <summary>The hash of what the image was made from; its tag is the first 16 digits of it.</summary>
    public const string Recipe = "io.containermcp.image.recipe";

    /// <summary><c>node</c>, <c>python</c> or <c>custom</c>.</summary>
    public const string Runtime = "io.containermcp.image.runtime";

    /// <summary><c>base</c> (a runtime imported from the host) or <c>server</c> (built for a server definition).</summary>
    public const string Role = "io.containermcp.image.role";

    /// <summary>The image a server image was built on.</summary>
    public const string Base = "io.containermcp.image.base";

    /// <summary>The packages a server image was made with, as written, separated by spaces.</summary>
    public const string Packages = "io.containermcp.image.packages";

    /// <summary>The package program (npm bin, python console script) the image runs; absent when it runs the bare runtime.</summary>
    public const string Bin = "io.containermcp.image.bin";

    public const string BaseRole = "base";
    public const string ServerRole = "server";

    /// <summary>The uid and gid images we make run as, like the test rig's.</summary>
    public const int UserId = 10001;
}
