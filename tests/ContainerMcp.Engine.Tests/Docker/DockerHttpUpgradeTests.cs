using System.Net;
using System.Net.Sockets;
using System.Text;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

/// <summary>The attach handshake against a scripted peer, for answers the real daemon rarely gives.</summary>
public sealed class DockerHttpUpgradeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n")]
    public async Task Bytes_sent_with_the_response_head_are_read_first(string head)
    {
        await using var pair = await SocketPair.CreateAsync();
        var upgrade = Upgrade(pair.Client);
        await ReadRequestHeadAsync(pair.Server);

        await pair.Server.SendAsync(Encoding.ASCII.GetBytes(head + "early"));
        await using var stream = await upgrade.WaitAsync(Patience);
        await pair.Server.SendAsync("late"u8.ToArray());

        var received = new byte[9];
        await stream.ReadExactlyAsync(received).AsTask().WaitAsync(Patience);
        Assert.Equal("earlylate", Encoding.ASCII.GetString(received));
    }

    [Fact]
    public async Task Request_asks_for_a_tcp_upgrade()
    {
        await using var pair = await SocketPair.CreateAsync();
        _ = Upgrade(pair.Client);

        var request = await ReadRequestHeadAsync(pair.Server);

        Assert.StartsWith("POST /v1.41/containers/abc/attach?stream=1 HTTP/1.1\r\n", request);
        Assert.Contains("Connection: Upgrade\r\n", request);
        Assert.Contains("Upgrade: tcp\r\n", request);
    }

    [Fact]
    public async Task Half_close_lets_the_peer_see_eof_while_its_output_still_arrives()
    {
        await using var pair = await SocketPair.CreateAsync();
        var upgrade = Upgrade(pair.Client);
        await ReadRequestHeadAsync(pair.Server);
        await pair.Server.SendAsync("HTTP/1.1 101 UPGRADED\r\n\r\n"u8.ToArray());
        await using var stream = await upgrade.WaitAsync(Patience);

        await stream.WriteAsync("input"u8.ToArray());
        await stream.CloseWriteAsync();

        var input = new MemoryStream();
        var buffer = new byte[64];
        int read;
        while ((read = await pair.Server.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Patience)) > 0)
        {
            input.Write(buffer, 0, read);
        }

        Assert.Equal("input", Encoding.ASCII.GetString(input.ToArray()));
        await pair.Server.SendAsync("output"u8.ToArray());
        pair.Server.Shutdown(SocketShutdown.Send);
        Assert.Equal("output", await new StreamReader(stream).ReadToEndAsync().WaitAsync(Patience));
    }

    [Theory]
    [InlineData("Content-Length: 36\r\n\r\n{\"message\":\"No such container: abc\"}")]
    [InlineData("Transfer-Encoding: chunked\r\n\r\n10\r\n{\"message\":\"No s\r\n14\r\nuch container: abc\"}\r\n0\r\n\r\n")]
    public async Task Error_answer_carries_the_daemons_message(string headersAndBody)
    {
        await using var pair = await SocketPair.CreateAsync();
        var upgrade = Upgrade(pair.Client);
        await ReadRequestHeadAsync(pair.Server);

        await pair.Server.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n" + headersAndBody));

        var error = await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => upgrade.WaitAsync(Patience));
        Assert.Equal("No such container: abc", error.DaemonMessage);
        Assert.Equal("abc", error.ContainerId);
    }

    private static Task<HijackedStream> Upgrade(Socket client) =>
        DockerHttpUpgrade.UpgradeAsync(
            new DockerConnection(client, new NetworkStream(client, ownsSocket: true)),
            "/v1.41/containers/abc/attach?stream=1",
            (status, message) => DockerErrors.FromResponse(status, message, "POST", "/containers/abc/attach", DockerTarget.Container("abc")),
            CancellationToken.None);

    private static async Task<string> ReadRequestHeadAsync(Socket server)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await server.ReceiveAsync(one.AsMemory()).AsTask().WaitAsync(Patience));
            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    private sealed class SocketPair(Socket client, Socket server) : IAsyncDisposable
    {
        public Socket Client { get; } = client;
        public Socket Server { get; } = server;

        public static async Task<SocketPair> CreateAsync()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var accept = listener.AcceptAsync();
            await client.ConnectAsync(listener.LocalEndPoint!);
            return new SocketPair(client, await accept);
        }

        public ValueTask DisposeAsync()
        {
            Client.Dispose();
            Server.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
