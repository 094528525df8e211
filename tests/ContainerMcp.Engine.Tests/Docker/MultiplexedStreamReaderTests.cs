using System.Text;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

public sealed class MultiplexedStreamReaderTests
{
    [Fact]
    public async Task Frames_come_back_with_their_stream_and_payload_then_null_at_the_end()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream([.. Frame(1, "out\n"), .. Frame(2, "err\n"), .. Frame(1, "")]));

        var first = await reader.ReadFrameAsync();
        var second = await reader.ReadFrameAsync();
        var empty = await reader.ReadFrameAsync();

        Assert.Equal((ContainerStream.Stdout, "out\n"), (first!.Value.Stream, Encoding.UTF8.GetString(first.Value.Payload.Span)));
        Assert.Equal((ContainerStream.Stderr, "err\n"), (second!.Value.Stream, Encoding.UTF8.GetString(second.Value.Payload.Span)));
        Assert.Equal(0, empty!.Value.Payload.Length);
        Assert.Null(await reader.ReadFrameAsync());
    }

    [Fact]
    public async Task Frames_split_across_many_small_reads_are_reassembled()
    {
        var reader = new MultiplexedStreamReader(new TrickleStream([.. Frame(1, "hello world")]));

        var frame = await reader.ReadFrameAsync();

        Assert.Equal("hello world", Encoding.UTF8.GetString(frame!.Value.Payload.Span));
    }

    [Fact]
    public async Task Tty_output_is_rejected_as_not_multiplexed()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream("hello from a tty\r\n"u8.ToArray()));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadFrameAsync().AsTask());

        Assert.Contains("TTY", error.Message);
    }

    [Fact]
    public async Task Stream_ending_inside_a_frame_is_reported()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream(Frame(1, "truncated")[..10]));

        await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadFrameAsync().AsTask());
    }

    [Fact]
    public async Task Daemon_error_frame_surfaces_its_message()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream(Frame(3, "container vanished")));

        var error = await Assert.ThrowsAsync<DockerEngineException>(() => reader.ReadFrameAsync().AsTask());

        Assert.Contains("container vanished", error.Message);
    }

    internal static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    /// <summary>Hands out at most three bytes per read, like a slow socket.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(3, buffer.Length)], cancellationToken);
    }
}
