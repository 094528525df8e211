using System.Text;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// Turns chunks of output into lines per stream. A line, or a UTF-8 character, may straddle two frames,
/// so each stream keeps its own decoder and unfinished line.
/// </summary>
internal sealed class LogLineSplitter
{
    private readonly List<ContainerLogLine> _lines = [];
    private readonly Dictionary<ContainerStream, Pending> _pending = [];

    public void Append(ContainerStream stream, ReadOnlySpan<byte> bytes)
    {
        if (!_pending.TryGetValue(stream, out var pending))
        {
            pending = new Pending(Encoding.UTF8.GetDecoder(), new StringBuilder());
            _pending[stream] = pending;
        }

        var chars = new char[pending.Decoder.GetCharCount(bytes, flush: false)];
        pending.Decoder.GetChars(bytes, chars, flush: false);
        foreach (var c in chars)
        {
            if (c == '\n')
            {
                Emit(stream, pending.Line);
            }
            else
            {
                pending.Line.Append(c);
            }
        }
    }

    /// <summary>All lines, including a last one that had no line terminator.</summary>
    public IReadOnlyList<ContainerLogLine> Complete()
    {
        foreach (var (stream, pending) in _pending)
        {
            var tail = new char[pending.Decoder.GetCharCount([], flush: true)];
            pending.Decoder.GetChars([], tail, flush: true);
            pending.Line.Append(tail);
            if (pending.Line.Length > 0)
            {
                Emit(stream, pending.Line);
            }
        }

        return _lines;
    }

    private void Emit(ContainerStream stream, StringBuilder line)
    {
        // TTY output ends lines with CRLF.
        if (line.Length > 0 && line[^1] == '\r')
        {
            line.Length--;
        }

        _lines.Add(new ContainerLogLine(stream, line.ToString()));
        line.Clear();
    }

    private sealed record Pending(Decoder Decoder, StringBuilder Line);
}
