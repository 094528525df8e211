using System.Text;
using System.Text.Json;

namespace ContainerMcp.Engine.Audit;

/// <summary>
/// Appends one JSON line per record to <see cref="AuditLogOptions.Path"/>, rotating by size (audit.log.1 is the
/// newest rotated file, up to Keep of them). Thread-safe. Never throws: a record that cannot be written is lost,
/// and <see cref="TakeWarning"/> tells the caller once per run of failures.
/// </summary>
public sealed class AuditLog(AuditLogOptions options)
{
    private readonly Lock _gate = new();
    private string? _warning;
    private bool _failing;

    public AuditLogOptions Options { get; } = options;
    public string Path => Options.Path;

    public void Write(AuditRecord record)
    {
        byte[] line;
        try { line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, AuditRecord.Json) + "\n"); }
        catch (Exception ex) when (ex is NotSupportedException or JsonException) { Failed(ex); return; }
        lock (_gate)
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                RotateIfFull(line.Length);
                // Opened per line, shared: another session may append to the same file, and it is never held open.
                using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                file.Write(line);
                _failing = false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                Failed(ex);
            }
        }
    }

    /// <summary>A message about records that could not be written since the last call, once; null when all went well.</summary>
    public string? TakeWarning() => Interlocked.Exchange(ref _warning, null);

    /// <summary>The current file and its rotated predecessors, oldest first (those that exist).</summary>
    public static IReadOnlyList<string> Files(string path, int keep = 99) =>
        Enumerable.Range(1, keep).Reverse().Select(i => $"{path}.{i}").Append(path).Where(File.Exists).ToList();

    private void RotateIfFull(int adding)
    {
        var current = new FileInfo(Path);
        if (!current.Exists || current.Length == 0 || current.Length + adding <= Options.MaxBytes) return;
        if (Options.Keep == 0)
        {
            File.Delete(Path);
            return;
        }
        File.Delete($"{Path}.{Options.Keep}");
        for (int i = Options.Keep - 1; i >= 1; i--)
            if (File.Exists($"{Path}.{i}")) File.Move($"{Path}.{i}", $"{Path}.{i + 1}");
        File.Move(Path, $"{Path}.1");
    }

    private void Failed(Exception ex)
    {
        if (_failing) return;
        _failing = true;
        Interlocked.Exchange(ref _warning, $"The audit log could not be written ({Path}): {ex.Message} Records are lost until it can be.");
    }
}
