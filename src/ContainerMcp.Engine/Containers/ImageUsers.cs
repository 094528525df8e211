using System.Formats.Tar;
using System.Globalization;
using System.Text;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// A container's user as numbers, the way Docker resolves it: <c>uid[:gid]</c> as written, names looked up in the
/// image's <c>/etc/passwd</c> and <c>/etc/group</c> (read from a created container, nothing run), and with no group
/// the user's primary one (or gid = uid when the image does not list the user).
/// </summary>
internal static class ImageUsers
{
    public static async Task<(int Uid, int Gid)> ResolveAsync(DockerClient docker, string containerId, string user, CancellationToken ct)
    {
        var parts = user.Split(':', 2);
        string[]? passwd = null;
        async Task<string[]> Passwd() => passwd ??= await ReadLinesAsync(docker, containerId, "/etc/passwd", ct);

        int uid, primaryGid;
        if (Number(parts[0]) is { } numeric)
        {
            uid = numeric;
            primaryGid = Entry(await Passwd(), 2, parts[0]) is { } entry && Number(entry[3]) is { } g ? g : uid;
        }
        else
        {
            var entry = Entry(await Passwd(), 0, parts[0]) ?? throw new ArgumentException($"user '{parts[0]}' is not in the image's /etc/passwd");
            uid = Number(entry[2]) ?? throw new ArgumentException($"user '{parts[0]}' has no numeric uid in the image's /etc/passwd");
            primaryGid = Number(entry[3]) ?? uid;
        }
        if (parts.Length == 1) return (uid, primaryGid);
        if (Number(parts[1]) is { } gid) return (uid, gid);
        var group = Entry(await ReadLinesAsync(docker, containerId, "/etc/group", ct), 0, parts[1])
            ?? throw new ArgumentException($"group '{parts[1]}' is not in the image's /etc/group");
        return (uid, Number(group[2]) ?? throw new ArgumentException($"group '{parts[1]}' has no numeric gid in the image's /etc/group"));
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The colon-separated fields of the first line whose field <paramref name="field"/> is <paramref name="value"/>.</summary>
    private static string[]? Entry(string[] lines, int field, string value) =>
        lines.Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 3 && f[field] == value);

    private static async Task<string[]> ReadLinesAsync(DockerClient docker, string containerId, string path, CancellationToken ct)
    {
        byte[] archive;
        try { archive = await docker.GetArchiveAsync(containerId, path, ct); }
        catch (DockerContainerNotFoundException) { return []; } // the image has no such file
        using var reader = new TarReader(new MemoryStream(archive));
        while (await reader.GetNextEntryAsync(copyData: true, ct) is { } entry)
        {
            if (entry.DataStream is null) continue;
            using var text = new StreamReader(entry.DataStream, Encoding.UTF8);
            return (await text.ReadToEndAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        return [];
    }
}
