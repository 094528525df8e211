using System.IO.Pipes;
using System.Net.Security;
using System.Net.Sockets;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// The duplex connection left after an attach upgrade. Reads return the raw bytes the daemon sends (still
/// multiplexed when the container has no TTY), starting with any that arrived together with the response head.
/// Writes go to the container's stdin.
/// </summary>
public sealed class HijackedStream : Stream
{
    private readonly Socket? _socket;
    private readonly Stream _inner;
    private ReadOnlyMemory<byte> _leftover;
    private int _writeClosed;

    internal HijackedStream(DockerConnection connection, ReadOnlyMemory<byte> leftover)
    {
        _socket = connection.Socket;
        _inner = connection.Stream;
        _leftover = leftover;
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Half-close: ends the sending side so the container sees EOF on stdin (when it was created with
    /// <c>StdinOnce</c>), while its output can still be read to the end. Calling it again does nothing.
    /// </summary>
    public async ValueTask CloseWriteAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _writeClosed, 1) == 1)
        {
            return;
        }

        await _inner.FlushAsync(ct).ConfigureAwait(false);
        if (_inner is SslStream ssl)
        {
            // close_notify is what a TLS peer reads as EOF; the TCP FIN below follows it.
            await ssl.ShutdownAsync().WaitAsync(ct).ConfigureAwait(false);
        }

        if (_inner is PipeStream pipe && OperatingSystem.IsWindows())
        {
            // A named pipe cannot shut one direction: the daemon reads a zero-byte message as EOF instead.
            try
            {
                NamedPipeHalfClose.WriteEndOfInput(pipe);
            }
            catch (IOException) when (!pipe.IsConnected)
            {
                // The daemon already closed the pipe: there is nobody left to tell.
            }

            return;
        }

        try
        {
            _socket?.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The daemon already closed the connection: there is nobody left to tell.
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (TakeLeftover(buffer) is var taken and > 0)
        {
            return taken;
        }

        return _inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (TakeLeftover(buffer.Span) is var taken and > 0)
        {
            return ValueTask.FromResult(taken);
        }

        return _inner.ReadAsync(buffer, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int TakeLeftover(Span<byte> destination)
    {
        if (_leftover.IsEmpty || destination.IsEmpty)
        {
            return 0;
        }

        var count = Math.Min(destination.Length, _leftover.Length);
        _leftover.Span[..count].CopyTo(destination);
        _leftover = _leftover[count..];
        return count;
    }
}
