using System.Buffers.Binary;
using System.Text;

namespace ContainerMcp.Engine.Docker;

/// <summary>One frame of a multiplexed stream: which stream the payload came from, and the bytes.</summary>
public readonly record struct MultiplexedFrame(ContainerStream Stream, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Splits the daemon's multiplexed output (containers without a TTY, on attach and logs) into frames.
/// Each frame is an 8-byte header — stream type, three zero bytes, big-endian payload length — then the payload.
/// </summary>
public sealed class MultiplexedStreamReader
{
    // The daemon frames each read of the container's pipe (32 KiB at most); anything far bigger is corruption.
    private const int MaxFrameBytes = 16 * 1024 * 1024;
    private const byte SystemErrorStream = 3;

    private readonly Stream _stream;
    private readonly byte[] _header = new byte[8];

    public MultiplexedStreamReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>The next frame, or null when the stream ended cleanly between frames.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a multiplexed stream, or it ended inside a frame.</exception>
    /// <exception cref="DockerEngineException">The daemon reported an error in-band (stream type 3).</exception>
    public async ValueTask<MultiplexedFrame?> ReadFrameAsync(CancellationToken ct = default)
    {
        var headerBytes = await _stream.ReadAtLeastAsync(_header, _header.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (headerBytes == 0)
        {
            return null;
        }

        if (headerBytes < _header.Length)
        {
            throw new InvalidDataException("The container's output ended in the middle of a frame header.");
        }

        var type = _header[0];
        var size = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        if (type > SystemErrorStream || _header[1] != 0 || _header[2] != 0 || _header[3] != 0 || size > MaxFrameBytes)
        {
            throw new InvalidDataException(
                "The container's output is not in Docker's multiplexed format (was the container created with a TTY?).");
        }

        var payload = new byte[size];
        var payloadBytes = await _stream.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (payloadBytes < payload.Length)
        {
            throw new InvalidDataException("The container's output ended in the middle of a frame.");
        }

        if (type == SystemErrorStream)
        {
            throw new DockerEngineException($"The Docker engine reported an error while streaming the container's output: {Encoding.UTF8.GetString(payload)}");
        }

        return new MultiplexedFrame((ContainerStream)type, payload);
    }
}
