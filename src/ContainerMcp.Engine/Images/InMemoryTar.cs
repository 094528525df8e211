using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace ContainerMcp.Engine.Images;

/// <summary>
/// A tar archive described entry by entry and written in memory: build contexts and root filesystems to import.
/// Entries are owned by root unless said otherwise; parent directories are added as needed. Host files are read
/// when hashed or written, not when added.
/// </summary>
internal sealed class InMemoryTar
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101; // 0755
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;      // 0644

    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public void AddDirectory(string path, UnixFileMode mode = DirectoryMode, int uid = 0)
    {
        var name = Normalize(path);
        AddParents(name);
        _entries[name] = new Entry(TarEntryType.Directory, mode, uid, null, null, null);
    }

    public void AddFile(string path, byte[] content, UnixFileMode mode = FileMode)
    {
        var name = Normalize(path);
        AddParents(name);
        _entries[name] = new Entry(TarEntryType.RegularFile, mode, 0, content, null, null);
    }

    public void AddFile(string path, string text, UnixFileMode mode = FileMode) => AddFile(path, Encoding.UTF8.GetBytes(text), mode);

    /// <summary>A host file (symlinks followed), readable by all; executable by all when it is executable on the host.</summary>
    public void AddHostFile(string path, string hostPath)
    {
        var name = Normalize(path);
        AddParents(name);
        var executable = !OperatingSystem.IsWindows() && File.GetUnixFileMode(hostPath).HasFlag(UnixFileMode.UserExecute);
        var mode = FileMode | (executable ? (UnixFileMode)0b001_001_001 : 0);
        _entries[name] = new Entry(TarEntryType.RegularFile, mode, 0, null, hostPath, null);
    }

    /// <summary>
    /// Every file under a host directory, under <paramref name="path"/> ("" for the archive's root); entries for which
    /// <paramref name="skip"/> holds are left out.
    /// </summary>
    public void AddHostDirectory(string path, string hostDirectory, Func<string, bool>? skip = null)
    {
        var prefix = path.Trim('/');
        if (prefix.Length > 0) AddDirectory(prefix);
        foreach (var entry in new DirectoryInfo(hostDirectory).EnumerateFileSystemInfos())
        {
            if (skip?.Invoke(entry.FullName) == true) continue;
            var target = prefix.Length == 0 ? entry.Name : $"{prefix}/{entry.Name}";
            if (entry is DirectoryInfo { LinkTarget: null } directory) AddHostDirectory(target, directory.FullName, skip);
            else if (entry.LinkTarget is { } link && entry is FileInfo) AddSymlink(target, link);
            else if (entry is FileInfo) AddHostFile(target, entry.FullName);
        }
    }

    public void AddSymlink(string path, string target)
    {
        var name = Normalize(path);
        AddParents(name);
        _entries[name] = new Entry(TarEntryType.SymbolicLink, (UnixFileMode)0b111_111_111, 0, null, null, target);
    }

    /// <summary>SHA-256 over every entry's name, kind, mode, owner, link and content: equal archives, equal hashes.</summary>
    public string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, entry) in _entries)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}\0{entry.Type}\0{(int)entry.Mode}\0{entry.Uid}\0{entry.LinkTarget}\0"));
            if (entry.Type != TarEntryType.RegularFile) continue;
            if (entry.Content is { } content) hash.AppendData(SHA256.HashData(content));
            else
            {
                using var file = File.OpenRead(entry.HostPath!);
                hash.AppendData(SHA256.HashData(file));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The archive, positioned at its start.</summary>
    public MemoryStream ToStream()
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, entry) in _entries)
            {
                var tarEntry = new PaxTarEntry(entry.Type, entry.Type == TarEntryType.Directory ? name + "/" : name)
                {
                    Mode = entry.Mode,
                    Uid = entry.Uid,
                    Gid = entry.Uid,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                if (entry.LinkTarget is { } link) tarEntry.LinkName = link;
                using Stream? data = entry.Content is { } content ? new MemoryStream(content)
                    : entry.HostPath is { } host ? File.OpenRead(host)
                    : null;
                if (data is not null) tarEntry.DataStream = data;
                writer.WriteEntry(tarEntry);
            }
        }
        stream.Position = 0;
        return stream;
    }

    private void AddParents(string name)
    {
        for (var slash = name.LastIndexOf('/'); slash > 0; slash = name.LastIndexOf('/', slash - 1))
        {
            var parent = name[..slash];
            if (!_entries.TryAdd(parent, new Entry(TarEntryType.Directory, DirectoryMode, 0, null, null, null))) break;
        }
    }

    private static string Normalize(string path)
    {
        var name = path.Replace('\\', '/').Trim('/');
        if (name.Length == 0 || name.Split('/').Any(part => part is ".." or "."))
            throw new ArgumentException($"'{path}' is not a valid path inside an archive.", nameof(path));
        return name;
    }

    private sealed record Entry(TarEntryType Type, UnixFileMode Mode, int Uid, byte[]? Content, string? HostPath, string? LinkTarget);
}
