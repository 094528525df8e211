using System.Text;
using System.Text.Json;

namespace ContainerMcp.Engine.Images;

/// <summary>
/// The Dockerfile for a node or python server image. No RUN step: bases made from a host runtime have no shell,
/// so packages arrive already resolved (node_modules, site-packages) and are only copied.
/// </summary>
internal static class GeneratedDockerfile
{
    /// <summary>Bumped when the text below changes, so images made by an older version are not reused.</summary>
    public const string Version = "2";

    /// <summary>The package program to run is the entrypoint; null runs the bare runtime.</summary>
    public static string Node(string baseImage, bool hasPackages, string[]? entrypoint)
    {
        var text = Header(baseImage);
        if (hasPackages) text.AppendLine("COPY node_modules /app/node_modules");
        text.AppendLine("ENV HOME=/tmp NODE_ENV=production");
        return Footer(text, entrypoint ?? ["node"]);
    }

    /// <summary>The package program to run is the entrypoint; null runs the bare runtime.</summary>
    public static string Python(string baseImage, bool hasPackages, string[]? entrypoint)
    {
        var text = Header(baseImage);
        if (hasPackages) text.AppendLine("COPY site-packages /app/site-packages");
        // The root filesystem is read-only when the server runs: no bytecode is written, output is not held back.
        text.AppendLine("ENV HOME=/tmp PYTHONPATH=/app/site-packages PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1");
        return Footer(text, entrypoint ?? ["python3"]);
    }

    private static StringBuilder Header(string baseImage) => new StringBuilder().AppendLine($"FROM {baseImage}");

    private static string Footer(StringBuilder text, string[] entrypoint) => text
        .AppendLine("WORKDIR /app")
        .AppendLine($"USER {ImageLabels.UserId}:{ImageLabels.UserId}")
        .AppendLine($"ENTRYPOINT {JsonSerializer.Serialize(entrypoint)}")
        .AppendLine("CMD []")
        .ToString();
}
