using System.IO.Pipes;
using System.Net.Security;
using System.Net.Sockets;
using Docker.DotNet.Handler.Abstractions;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// An open byte stream to the daemon (TLS already negotiated when used) that can be half-closed: the connection
/// Docker.DotNet's HTTP handler speaks over, and after an attach, the container's stdio.
/// </summary>
/// <remarks>
/// Docker.DotNet half-closes a hijacked stream through <see cref="CloseWrite"/> when the stream it was given is a
/// <see cref="WriteClosableStream"/>. Ours sends TLS close_notify before the FIN, and on a named pipe, which cannot
/// shut one direction, the zero-byte message the daemon reads as end of input.
/// </remarks>
internal sealed class DockerConnection(Socket? socket, Stream inner) : WriteClosableStream
{
    private int _writeClosed;

    public override bool CanCloseWrite => true;
    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Ends the sending side so the container sees EOF on stdin; its output can still be read. Idempotent.</summary>
    public override void CloseWrite()
    {
        if (Interlocked.Exchange(ref _writeClosed, 1) == 1)
        {
            return;
        }

        inner.Flush();
        if (inner is SslStream ssl)
        {
            // close_notify is what a TLS peer reads as EOF; the TCP FIN below follows it.
            ssl.ShutdownAsync().GetAwaiter().GetResult();
        }

        if (inner is PipeStream pipe && OperatingSystem.IsWindows())
        {
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
            socket?.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The daemon already closed the connection: there is nobody left to tell.
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
