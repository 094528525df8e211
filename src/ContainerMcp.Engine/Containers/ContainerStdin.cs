using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// The write side of the attach connection. Writes are held until a flush, so a message and its newline reach
/// the daemon as one write (the SDK writes them separately, and the daemon relays each write on its own).
/// Disposing half-closes the connection, which the server sees as end of input, while its remaining output can
/// still be read.
/// </summary>
public sealed class ContainerStdin : Stream
{
    private const int SendThreshold = 64 * 1024;

    private readonly ContainerStdio _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MemoryStream _pending = new();
    private int _closed;

    public ContainerStdin(ContainerStdio connection) => _connection = connection;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _pending.Write(buffer.Span);
            if (_pending.Length >= SendThreshold) await SendPendingAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SendPendingAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Sends what is pending, then end-of-input to the server. Safe to call more than once.</summary>
    public async ValueTask CloseAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        await FlushAsync(ct);
        await _connection.CloseWriteAsync(ct);
    }

    private async Task SendPendingAsync(CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await _connection.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        await _connection.FlushAsync(ct);
        _pending.SetLength(0);
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
