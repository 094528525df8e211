namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// Sits between a server's stdout and the SDK's transport and bounds one message (one line) from the server. A line up
/// to the limit passes through whole. A longer one is refused without being kept: past the limit its bytes are only
/// counted, up to its '\n', while <see cref="TopLevelMembers"/> looks for its id as it streams past. An answer is then
/// replaced by an error for its id (<see cref="OversizeMessage"/>), so its call fails at once and the server stays
/// usable; a notification or request from the server is dropped. Either way <c>note</c> tells the server's log.
/// Memory: the line buffer grows only as far as the limit, and shrinks again after a large message.
/// </summary>
internal sealed class BoundedMessageStream : Stream
{
    private const int SmallBuffer = 16 * 1024;
    private const int ShrinkAbove = 256 * 1024;

    private readonly Stream _source;
    private readonly long _limit;
    private readonly Action<string> _note;
    private byte[] _buffer = new byte[SmallBuffer];
    private int _start;        // first byte not yet handed out
    private int _scanned;      // bytes from _start already searched for '\n'
    private int _end;          // end of the bytes read
    private ReadOnlyMemory<byte> _out;
    private bool _ended;

    public BoundedMessageStream(Stream source, long limitBytes, Action<string> note)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limitBytes, 1);
        _source = source;
        _limit = limitBytes;
        _note = note;
    }

    public long Limit => _limit;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty) return 0;
        while (_out.IsEmpty)
        {
            if (_ended || !await NextMessageAsync(cancellationToken)) return 0;
        }
        int n = Math.Min(destination.Length, _out.Length);
        _out[..n].CopyTo(destination);
        _out = _out[n..];
        return n;
    }

    /// <summary>Makes the next line (or an error in place of a refused one) ready in <see cref="_out"/>; false at end of output.</summary>
    private async ValueTask<bool> NextMessageAsync(CancellationToken ct)
    {
        ShrinkAfterLargeMessage();
        while (true)
        {
            int newline = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int length = _scanned + newline + 1;
                var line = _buffer.AsMemory(_start, length);
                _start += length;
                _scanned = 0;
                if (length - 1 <= _limit) { _out = line; return true; }
                var members = new TopLevelMembers();
                members.Feed(line.Span);
                Refuse(members, length - 1);
                return true;
            }
            _scanned = _end - _start;
            if (_scanned > _limit) { await DiscardLineAsync(ct); return true; }
            if (!await ReadMoreAsync(ct))
            {
                // Output ended inside a line: hand it on as it is, the transport decides what it is worth.
                _ended = true;
                _out = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return !_out.IsEmpty;
            }
        }
    }

    /// <summary>Reads more of the server's output after what is buffered, compacting or growing (up to the limit) for room.</summary>
    private async ValueTask<bool> ReadMoreAsync(CancellationToken ct)
    {
        if (_end == _buffer.Length)
        {
            int pending = _end - _start;
            if (pending * 2 > _buffer.Length || _start == 0)
            {
                // Doubling, but straight to limit + 1 (room to see the '\n' after a line of exactly the limit)
                // rather than one more step just short of it.
                long wanted = (long)_buffer.Length * 2;
                if (wanted > (_limit + 1) * 3 / 4) wanted = _limit + 1;
                var grown = new byte[Math.Max(wanted, pending + 1)];
                _buffer.AsSpan(_start, pending).CopyTo(grown);
                _buffer = grown;
            }
            else
            {
                _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            }
            _start = 0;
            _end = pending;
        }
        int read = await _source.ReadAsync(_buffer.AsMemory(_end), ct);
        _end += read;
        return read > 0;
    }

    /// <summary>
    /// The line is past the limit: what is buffered is looked at and let go, then the rest is read through a small
    /// buffer and only counted, up to its '\n'. Bytes after it stay for the next message.
    /// </summary>
    private async ValueTask DiscardLineAsync(CancellationToken ct)
    {
        var members = new TopLevelMembers();
        members.Feed(_buffer.AsSpan(_start, _end - _start));
        long size = _end - _start;
        _buffer = new byte[SmallBuffer];
        _start = _end = _scanned = 0;
        while (true)
        {
            int read = await _source.ReadAsync(_buffer, ct);
            if (read == 0) { _ended = true; break; }
            int newline = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            int take = newline >= 0 ? newline : read;
            members.Feed(_buffer.AsSpan(0, take));
            size += take;
            if (newline < 0) continue;
            _start = newline + 1;
            _end = read;
            break;
        }
        Refuse(members, size);
    }

    private void Refuse(TopLevelMembers members, long size)
    {
        string what = members.HasMethod ? "a request or notification" : members.Id is not null ? "an answer" : "a line";
        string end = _ended ? " (its output ended before the line did)" : "";
        if (!members.HasMethod && members.Id is { } id && OversizeMessage.ErrorFor(id, size, _limit) is { } error)
        {
            _out = error;
            _note($"refused {what} (id {System.Text.Encoding.UTF8.GetString(id)}) of {OversizeMessage.Size(size)}{end}: " +
                  $"more than max_message_mb ({OversizeMessage.Size(_limit)}); its call failed, the server runs on.");
            return;
        }
        _note($"dropped {what} of {OversizeMessage.Size(size)}{end}: more than max_message_mb ({OversizeMessage.Size(_limit)}).");
    }

    private void ShrinkAfterLargeMessage()
    {
        int pending = _end - _start;
        if (_buffer.Length <= ShrinkAbove || pending > SmallBuffer / 2) return;
        var small = new byte[SmallBuffer];
        _buffer.AsSpan(_start, pending).CopyTo(small);
        _buffer = small;
        _start = 0;
        _end = pending;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _source.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
