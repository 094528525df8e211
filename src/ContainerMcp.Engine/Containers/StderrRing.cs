using System.Text;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// The last lines a server wrote to stderr, bounded so a chatty server cannot grow memory without limit.
/// Bytes arrive in arbitrary frames; a line is complete at '\n' (a trailing partial line is shown too).
/// </summary>
public sealed class StderrRing
{
    private readonly int _capacity;
    private readonly Queue<string> _lines = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _partial = new();
    private readonly Lock _gate = new();

    /// <summary>Longest line kept; the rest is cut so one huge line cannot defeat the bound.</summary>
    public const int MaxLineLength = 4096;

    public StderrRing(int capacity = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[512];
        lock (_gate)
        {
            while (!bytes.IsEmpty)
            {
                _decoder.Convert(bytes, chars, flush: false, out int used, out int produced, out _);
                bytes = bytes[used..];
                foreach (char c in chars[..produced]) AppendChar(c);
            }
        }
    }

    /// <summary>A line of ours about the server (a message refused, an answer ignored), kept among its stderr lines.</summary>
    public void Note(string text)
    {
        lock (_gate)
        {
            _lines.Enqueue(NotePrefix + text);
            if (_lines.Count > _capacity) _lines.Dequeue();
        }
    }

    /// <summary>What starts a line <see cref="Note"/> added, telling it from the server's own.</summary>
    public const string NotePrefix = "[containermcp] ";

    /// <summary>The last <paramref name="count"/> lines (all kept lines when null), oldest first.</summary>
    public IReadOnlyList<string> Tail(int? count = null)
    {
        lock (_gate)
        {
            var lines = new List<string>(_lines);
            if (_partial.Length > 0) lines.Add(_partial.ToString());
            int take = Math.Min(count ?? lines.Count, lines.Count);
            return lines.GetRange(lines.Count - take, take);
        }
    }

    private void AppendChar(char c)
    {
        if (c == '\n')
        {
            var line = _partial.ToString().TrimEnd('\r');
            _partial.Clear();
            _lines.Enqueue(line);
            if (_lines.Count > _capacity) _lines.Dequeue();
        }
        else if (_partial.Length < MaxLineLength)
        {
            _partial.Append(c);
        }
    }
}
