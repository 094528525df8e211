using System.Runtime.InteropServices;
using Docker.DotNet;

namespace ContainerMcp.Engine.Docker;

/// <summary>Takes the bytes of stderr frames as they are decoded.</summary>
public delegate void StderrSink(ReadOnlySpan<byte> bytes);

/// <summary>
/// An attached container's stdio as one <see cref="Stream"/> over Docker.DotNet's <see cref="MultiplexedStream"/>
/// (which is not one): reads give stdout as one continuous stream, so a JSON-RPC line split across frames reads
/// whole, and hand stderr to <see cref="Stderr"/>; writes go to stdin; <see cref="CloseWriteAsync"/> half-closes.
/// One reader at a time. Output that ends inside a frame is an <see cref="InvalidDataException"/>; an error the daemon
/// reports in-band (stream type 3) is a <see cref="DockerEngineException"/>, where the library throws a bare IOException.
/// </summary>
public sealed class ContainerStdio : Stream
{
    private readonly MultiplexedStream _streams;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _scratch = [];
    private int _writeClosed;

    internal ContainerStdio(MultiplexedStream streams) => _streams = streams;

    /// <summary>Where stderr frames go; dropped while null.</summary>
    public StderrSink? Stderr { get; set; }

    /// <summary>Completes when the container's output ends (it exited or the connection broke).</summary>
    public Task Ended => _ended.Task;

    /// <summary>
    /// Half-close: ends the sending side so the container sees EOF on stdin (when it was created with
    /// <c>StdinOnce</c>), while its output can still be read to the end. Calling it again does nothing.
    /// </summary>
    public ValueTask CloseWriteAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _writeClosed, 1) == 0)
        {
            _streams.CloseWrite();
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty) return 0;
        var direct = MemoryMarshal.TryGetArray<byte>(destination, out var segment);
        if (!direct && _scratch.Length < destination.Length) _scratch = new byte[destination.Length];
        var (array, offset) = direct ? (segment.Array!, segment.Offset) : (_scratch, 0);
        try
        {
            while (true)
            {
                var result = await _streams.ReadOutputAsync(array, offset, destination.Length, cancellationToken).ConfigureAwait(false);
                if (result.EOF)
                {
                    _ended.TrySetResult();
                    return 0;
                }

                if (result.Target == MultiplexedStream.TargetStream.StandardOut)
                {
                    if (!direct) _scratch.AsMemory(0, result.Count).CopyTo(destination);
                    return result.Count;
                }

                if (result.Target == MultiplexedStream.TargetStream.StandardError) Stderr?.Invoke(array.AsSpan(offset, result.Count));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _ended.TrySetResult();
            throw ex switch
            {
                EndOfStreamException => new InvalidDataException("The container's output ended in the middle of a frame.", ex),
                IOException when ex.Message.Contains("stream type: '3'", StringComparison.Ordinal) => new DockerEngineException(
                    "The Docker engine reported an error while streaming the container's output; the container's log may say more.", innerException: ex),
                IOException when ex.Message.Contains("stream type", StringComparison.Ordinal) => new InvalidDataException(
                    "The container's output is not in Docker's multiplexed format (was the container created with a TTY?).", ex),
                _ => new IOException("The container's output stream broke.", ex),
            };
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        MemoryMarshal.TryGetArray(buffer, out var segment)
            ? new ValueTask(_streams.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken))
            : new ValueTask(_streams.WriteAsync(buffer.ToArray(), 0, buffer.Length, cancellationToken));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _streams.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) =>
        _streams.WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    // Writes go straight to the socket: there is nothing buffered to flush.
    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _streams.Dispose();
        base.Dispose(disposing);
    }
}
