using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// The write side of the attach connection. Disposing it half-closes the connection, which the server sees as
/// end of input, while its remaining output can still be read.
/// </summary>
public sealed class ContainerStdin : Stream
{
    private readonly HijackedStream _connection;
    private int _closed;

    public ContainerStdin(HijackedStream connection) => _connection = connection;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _connection.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _connection.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _connection.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => _connection.FlushAsync(cancellationToken);

    public override void Flush() => _connection.Flush();

    /// <summary>Sends end-of-input to the server. Safe to call more than once.</summary>
    public async ValueTask CloseAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) await _connection.CloseWriteAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        try { await CloseAsync(); } catch (IOException) { } catch (ObjectDisposedException) { }
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try { CloseAsync().AsTask().GetAwaiter().GetResult(); } catch (IOException) { } catch (ObjectDisposedException) { }
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
