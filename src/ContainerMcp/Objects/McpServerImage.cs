using EngineImage = ContainerMcp.Engine.Images.McpImage;

namespace ContainerMcp;

/// <summary>An image ContainerMcp built (or pulled): a server image, or a base made from a runtime on this machine.</summary>
public sealed class McpServerImage
{
    internal McpServerImage(EngineImage image, string engine)
    {
        Engine = engine;
        Name = image.Name;
        Repository = image.Repository;
        Tag = image.Tag;
        Id = image.Id;
        Runtime = image.Runtime;
        Role = image.Role;
        BaseImage = image.BaseImage;
        Packages = [.. image.Packages];
        Bin = image.Bin;
        Latest = image.Latest;
        Reused = image.Reused;
        InUse = image.InUse;
        Size = image.Size;
        Created = image.Created;
    }

    /// <summary>The engine the image is on; Start-McpServer runs a piped image there unless -Engine says otherwise.</summary>
    public string Engine { get; }

    /// <summary><c>repository:tag</c>; the tag is derived from what the image was made from.</summary>
    public string Name { get; }
    public string Repository { get; }
    public string Tag { get; }
    public string Id { get; }
    public string ShortId => Id.Replace("sha256:", "", StringComparison.Ordinal) is var hex && hex.Length > 12 ? hex[..12] : hex;

    /// <summary>node, python or custom; empty for a pulled image.</summary>
    public string? Runtime { get; }

    /// <summary>server (built for a definition) or base (a runtime imported from this machine).</summary>
    public string? Role { get; }
    public string? BaseImage { get; }

    /// <summary>The packages it was made with, as written (label io.containermcp.image.packages).</summary>
    public string[] Packages { get; }

    /// <summary>The package program it runs (label io.containermcp.image.bin); empty when it runs the bare runtime.</summary>
    public string? Bin { get; }

    /// <summary>True when repository:latest names it too: the image last built or reused for its repository, which scripts can name stably.</summary>
    public bool Latest { get; }

    /// <summary>True when the definition was unchanged and the existing image was used without building.</summary>
    public bool Reused { get; }

    /// <summary>True when a container (running or stopped) uses it.</summary>
    public bool InUse { get; }
    public long Size { get; }
    public double SizeMB => Math.Round(Size / 1048576.0, 1);
    public DateTimeOffset? Created { get; }

    public override string ToString() => Name;
}
