using System.Text;
using System.Text.Json;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Tests.Mcp;

/// <summary>
/// The message bound on its own, over output delivered in pieces of any size (as Docker's frames arrive). The
/// session-level proof, against a real misbehaving server, is in Servers/HostileServerTests.
/// </summary>
public sealed class BoundedMessageStreamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public void Lines_within_the_limit_pass_through_unchanged_however_the_output_is_cut(int piece)
    {
        var input = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n{\"a\":\"" + new string('b', 900) + "\"}\nlast line without newline";
        var (output, notes) = ReadAll(Encoding.UTF8.GetBytes(input), limit: 1000, piece);
        Assert.Equal(input, output);
        Assert.Empty(notes);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_passes_and_one_byte_more_is_refused()
    {
        var exact = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"" + new string('x', 100) + "\"}";
        var (passed, _) = ReadAll(Encoding.UTF8.GetBytes(exact + "\n"), limit: exact.Length, piece: 13);
        Assert.Equal(exact + "\n", passed);

        var (refused, notes) = ReadAll(Encoding.UTF8.GetBytes(exact + "\n"), limit: exact.Length - 1, piece: 13);
        Assert.Equal(2, ErrorId(refused));
        Assert.Single(notes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_oversize_answer_becomes_an_error_for_its_id_wherever_the_id_stands(bool idFirst)
    {
        var body = "{\"content\":[{\"type\":\"text\",\"text\":\"" + new string('x', 50_000) + "\\\"}, \\\"id\\\": 9\"}]}";
        var huge = idFirst ? $"{{\"jsonrpc\":\"2.0\",\"id\":\"req-7\",\"result\":{body}}}" : $"{{\"result\":{body},\"jsonrpc\":\"2.0\",\"id\":\"req-7\"}}";
        var next = "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}\n";
        var (output, notes) = ReadAll(Encoding.UTF8.GetBytes(huge + "\n" + next), limit: 4096, piece: 1000);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var error = JsonDocument.Parse(lines[0]);
        Assert.Equal("req-7", error.RootElement.GetProperty("id").GetString());
        var detail = error.RootElement.GetProperty("error");
        Assert.Equal(OversizeMessage.ErrorCode, detail.GetProperty("code").GetInt32());
        Assert.Equal(huge.Length, detail.GetProperty("data").GetProperty("bytes").GetInt64());
        Assert.Equal(4096, detail.GetProperty("data").GetProperty("limit").GetInt64());
        Assert.Equal(next.TrimEnd('\n'), lines[1]);
        Assert.Contains("refused an answer (id \"req-7\") of 48.", Assert.Single(notes));
    }

    [Fact]
    public void An_oversize_notification_is_dropped_and_noted()
    {
        var huge = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"" + new string('y', 20_000) + "\"}}\n";
        var (output, notes) = ReadAll(Encoding.UTF8.GetBytes(huge + "{\"ok\":1}\n"), limit: 1024, piece: 4096);
        Assert.Equal("{\"ok\":1}\n", output);
        Assert.Contains("dropped a request or notification of 19.6 KiB", Assert.Single(notes));
    }

    [Fact]
    public void Refusing_a_50_MiB_line_allocates_about_the_limit_not_the_line()
    {
        const int limit = 256 * 1024;
        var source = new GeneratedLine(50L * 1024 * 1024);
        using var bounded = new BoundedMessageStream(source, limit, _ => { });
        var buffer = new byte[4096];
        long before = GC.GetAllocatedBytesForCurrentThread();
        var output = new MemoryStream();
        int read;
        while ((read = bounded.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, read);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 3 * limit, $"Refusing the line allocated {allocated:N0} bytes; the limit is {limit:N0}.");
        Assert.Equal(1, ErrorId(Encoding.UTF8.GetString(output.ToArray())));
    }

    private static (string Output, List<string> Notes) ReadAll(byte[] input, long limit, int piece)
    {
        var notes = new List<string>();
        using var bounded = new BoundedMessageStream(new Pieces(input, piece), limit, notes.Add);
        var output = new MemoryStream();
        var buffer = new byte[333];
        int read;
        while ((read = bounded.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, read);
        return (Encoding.UTF8.GetString(output.ToArray()), notes);
    }

    private static int ErrorId(string output)
    {
        using var error = JsonDocument.Parse(output.TrimEnd('\n'));
        Assert.Equal(OversizeMessage.ErrorCode, error.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        return error.RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>The input handed out at most <c>piece</c> bytes a read, as frames of a container's output arrive.</summary>
    private sealed class Pieces(byte[] input, int piece) : MemoryStream(input)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, piece));
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], ct);
    }

    /// <summary>One answer of <c>size</c> bytes, id last, made up as it is read: no copy of it exists anywhere.</summary>
    private sealed class GeneratedLine(long size) : Stream
    {
        private static readonly byte[] Head = "{\"result\":\""u8.ToArray();
        private static readonly byte[] Tail = "\",\"jsonrpc\":\"2.0\",\"id\":1}\n"u8.ToArray();
        private long _position;

        public override int Read(byte[] buffer, int offset, int count) => Fill(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromResult(Fill(buffer.Span));

        private int Fill(Span<byte> buffer)
        {
            long total = Head.Length + size + Tail.Length;
            int n = (int)Math.Min(buffer.Length, total - _position);
            for (int i = 0; i < n; i++, _position++)
            {
                buffer[i] = _position < Head.Length ? Head[_position]
                    : _position < Head.Length + size ? (byte)'z'
                    : Tail[_position - Head.Length - size];
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
