using System.Buffers.Binary;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// Reads Docker's multiplexed attach stream (8-byte header: stream type, 3 zero bytes, big-endian payload size)
/// and presents stdout as one continuous stream, so a JSON-RPC line split across frames reads whole.
/// stderr frames go to a <see cref="StderrRing"/>. Pull-based: frames are decoded only as the reader asks,
/// with no copy through an intermediate pipe. One reader at a time.
/// </summary>
public sealed class StdoutDemultiplexer : Stream
{
    private const int HeaderSize = 8;
    private const byte StdoutStream = 1;
    private const byte StderrStream = 2;

    private readonly Stream _source;
    private readonly StderrRing _stderr;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _start;
    private int _count;
    private long _stdoutRemaining;

    public StdoutDemultiplexer(Stream source, StderrRing stderr)
    {
        _source = source;
        _stderr = stderr;
    }

    /// <summary>Completes when the container's output ends (it exited or the connection broke).</summary>
    public Task Ended => _ended.Task;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty) return 0;
        try
        {
            while (true)
            {
                if (_stdoutRemaining > 0)
                {
                    if (_count == 0 && !await FillAsync(cancellationToken)) return End();
                    int n = (int)Math.Min(Math.Min(_stdoutRemaining, _count), destination.Length);
                    _buffer.AsMemory(_start, n).CopyTo(destination);
                    Consume(n);
                    _stdoutRemaining -= n;
                    return n;
                }

                if (!await EnsureAsync(HeaderSize, cancellationToken)) return End();
                byte stream = _buffer[_start];
                long size = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 4, 4));
                Consume(HeaderSize);

                if (stream == StdoutStream) _stdoutRemaining = size;
                else if (!await DrainAsync(size, stream == StderrStream, cancellationToken)) return End();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _ended.TrySetResult();
            throw new IOException("The container's output stream broke.", ex);
        }
    }

    private async ValueTask<bool> DrainAsync(long size, bool toStderr, CancellationToken ct)
    {
        while (size > 0)
        {
            if (_count == 0 && !await FillAsync(ct)) return false;
            int n = (int)Math.Min(size, _count);
            if (toStderr) _stderr.Append(_buffer.AsSpan(_start, n));
            Consume(n);
            size -= n;
        }
        return true;
    }

    private async ValueTask<bool> EnsureAsync(int needed, CancellationToken ct)
    {
        while (_count < needed)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _count);
                _start = 0;
            }
            int read = await _source.ReadAsync(_buffer.AsMemory(_count), ct);
            if (read == 0) return false;
            _count += read;
        }
        return true;
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _count = await _source.ReadAsync(_buffer, ct);
        return _count > 0;
    }

    private void Consume(int n)
    {
        _start += n;
        _count -= n;
        if (_count == 0) _start = 0;
    }

    private int End()
    {
        _ended.TrySetResult();
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
