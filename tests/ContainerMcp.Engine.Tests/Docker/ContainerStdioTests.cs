using System.Text;
using Docker.DotNet;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

/// <summary>Our stdio stream over Docker.DotNet's <see cref="MultiplexedStream"/>, fed Docker's wire format.</summary>
public sealed class ContainerStdioTests
{
    [Fact]
    public async Task Stdout_frames_join_into_one_stream_and_stderr_frames_go_to_the_ring()
    {
        var wire = Frames((1, "{\"jsonrpc\":"), (2, "warn: slow\n"), (1, ""), (1, "\"2.0\"}\n"), (2, "partial"));
        var stderr = new StderrRing();
        var demux = Stdio(new MemoryStream(wire), stderr.Append);

        var text = await new StreamReader(demux).ReadToEndAsync();

        Assert.Equal("{\"jsonrpc\":\"2.0\"}\n", text);
        Assert.Equal(["warn: slow", "partial"], stderr.Tail());
        Assert.True(demux.Ended.IsCompleted);
    }

    [Fact]
    public async Task Frames_split_across_reads_at_every_byte_are_decoded_the_same()
    {
        var wire = Frames((1, "hello "), (2, "err\n"), (1, "world"));
        var stderr = new StderrRing();
        var demux = Stdio(new TrickleStream(wire), stderr.Append);

        var text = await new StreamReader(demux).ReadToEndAsync();

        Assert.Equal("hello world", text);
        Assert.Equal(["err"], stderr.Tail());
    }

    [Fact]
    public async Task Large_frame_is_delivered_whole_through_small_reads()
    {
        var payload = new string('x', 200_000);
        var demux = Stdio(new MemoryStream(Frames((1, payload))), new StderrRing().Append);

        var text = await new StreamReader(demux, bufferSize: 100).ReadToEndAsync();

        Assert.Equal(payload, text);
    }

    [Fact]
    public async Task Tty_output_is_rejected_as_not_multiplexed()
    {
        var demux = Stdio(new MemoryStream("hello from a tty\r\n"u8.ToArray()), _ => { });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new StreamReader(demux).ReadToEndAsync());

        Assert.Contains("TTY", error.Message);
        Assert.True(demux.Ended.IsCompleted);
    }

    [Theory]
    [InlineData(5)]    // inside the header
    [InlineData(10)]   // inside a stdout payload
    [InlineData(27)]   // inside a stderr payload
    public async Task Output_ending_inside_a_frame_is_reported(int length)
    {
        var wire = Frames((1, "truncated"), (2, "stderr, cut"))[..length];
        var demux = Stdio(new MemoryStream(wire), _ => { });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new StreamReader(demux).ReadToEndAsync());

        Assert.Contains("ended in the middle of a frame", error.Message);
    }

    [Fact]
    public async Task Daemon_error_frame_is_an_engine_error_not_a_bare_io_error()
    {
        var demux = Stdio(new MemoryStream(Frames((1, "out\n"), (3, "container vanished"))), _ => { });

        var error = await Assert.ThrowsAsync<DockerEngineException>(() => new StreamReader(demux).ReadToEndAsync());

        Assert.Contains("reported an error while streaming", error.Message);
    }

    private static ContainerStdio Stdio(Stream wire, StderrSink stderr) =>
        new(new MultiplexedStream(wire, multiplexed: true)) { Stderr = stderr };

    internal static byte[] Frames(params (byte Stream, string Text)[] frames)
    {
        var output = new MemoryStream();
        foreach (var (stream, text) in frames)
        {
            var payload = Encoding.UTF8.GetBytes(text);
            output.Write([stream, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length]);
            output.Write(payload);
        }
        return output.ToArray();
    }

    /// <summary>Hands out one byte per read: the worst a socket can do.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(1, count), cancellationToken);
    }
}
