using System.Buffers.Binary;
using System.Text;

namespace ContainerMcp.Engine.Docker;

/// <summary>Takes the bytes of stderr frames as they are decoded.</summary>
public delegate void StderrSink(ReadOnlySpan<byte> bytes);

/// <summary>
/// The one decoder of Docker's multiplexed output (containers without a TTY, on attach and logs): an 8-byte header
/// (stream type, 3 zero bytes, big-endian payload size), then the payload. It presents stdout as one continuous
/// stream, so a JSON-RPC line split across frames reads whole, and hands stderr frames to a <see cref="StderrSink"/>.
/// Pull-based: frames are decoded only as the reader asks, with no copy through an intermediate pipe. One reader
/// at a time. Output that is not multiplexed, or ends inside a frame, is an <see cref="InvalidDataException"/>; an
/// error the daemon reports in-band is a <see cref="DockerEngineException"/>.
/// </summary>
public sealed class StdoutDemultiplexer : Stream
{
    private const int HeaderSize = 8;
    private const byte StdoutStream = 1;
    private const byte StderrStream = 2;
    private const byte SystemErrorStream = 3;

    // The daemon frames each read of the container's pipe (32 KiB at most); anything far bigger is corruption.
    private const uint MaxFrameBytes = 16 * 1024 * 1024;

    private readonly Stream _source;
    private readonly StderrSink _stderr;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _start;
    private int _count;
    private long _stdoutRemaining;

    public StdoutDemultiplexer(Stream source, StderrSink stderr)
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
                    if (_count == 0 && !await FillAsync(cancellationToken)) throw Truncated("frame");
                    int n = (int)Math.Min(Math.Min(_stdoutRemaining, _count), destination.Length);
                    _buffer.AsMemory(_start, n).CopyTo(destination);
                    Consume(n);
                    _stdoutRemaining -= n;
                    return n;
                }

                if (!await EnsureAsync(HeaderSize, cancellationToken))
                    return _count == 0 ? End() : throw Truncated("frame header");
                byte stream = _buffer[_start];
                uint size = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 4, 4));
                if (stream > SystemErrorStream || _buffer[_start + 1] != 0 || _buffer[_start + 2] != 0 || _buffer[_start + 3] != 0 || size > MaxFrameBytes)
                    throw new InvalidDataException("The container's output is not in Docker's multiplexed format (was the container created with a TTY?).");
                Consume(HeaderSize);

                if (stream == StdoutStream) _stdoutRemaining = size;
                else if (stream == SystemErrorStream) throw await DaemonErrorAsync((int)size, cancellationToken);
                else if (!await DrainAsync(size, stream == StderrStream, cancellationToken)) throw Truncated("frame");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _ended.TrySetResult();
            if (ex is InvalidDataException or DockerEngineException) throw;
            throw new IOException("The container's output stream broke.", ex);
        }
    }

    private static InvalidDataException Truncated(string part) => new($"The container's output ended in the middle of a {part}.");

    private async ValueTask<DockerEngineException> DaemonErrorAsync(int size, CancellationToken ct)
    {
        var text = new StringBuilder();
        await DrainAsync(size, bytes => text.Append(Encoding.UTF8.GetString(bytes)), ct);
        return new DockerEngineException($"The Docker engine reported an error while streaming the container's output: {text}");
    }

    private ValueTask<bool> DrainAsync(long size, bool toStderr, CancellationToken ct) =>
        DrainAsync(size, toStderr ? _stderr : static _ => { }, ct);

    private async ValueTask<bool> DrainAsync(long size, StderrSink sink, CancellationToken ct)
    {
        while (size > 0)
        {
            if (_count == 0 && !await FillAsync(ct)) return false;
            int n = (int)Math.Min(size, _count);
            sink(_buffer.AsSpan(_start, n));
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
