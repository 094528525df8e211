using System.Net.Sockets;
using System.Text;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

/// <summary>
/// The API version comes from <c>/_ping</c>'s Api-Version header, as the docker CLI reads it: Podman takes 1–2 s to
/// answer <c>/version</c>. A small daemon on a unix socket records what the client asks.
/// </summary>
public sealed class ApiVersionNegotiationTests
{
    [Fact]
    public async Task The_version_is_read_from_the_ping_header_without_asking_for_version()
    {
        await using var daemon = await PingDaemon.StartAsync(pingHeader: "Api-Version: 1.40\r\n");
        using var client = new DockerClient(DockerEndpoint.Parse($"unix://{daemon.Socket}"));

        Assert.Equal("1.40", await client.GetApiVersionAsync());
        Assert.Equal(["GET /_ping"], daemon.Requests);
    }

    [Fact]
    public async Task An_engine_whose_ping_names_no_version_is_asked_for_version()
    {
        await using var daemon = await PingDaemon.StartAsync(pingHeader: "");
        using var client = new DockerClient(DockerEndpoint.Parse($"unix://{daemon.Socket}"));

        Assert.Equal("1.41", await client.GetApiVersionAsync());
        Assert.Equal(["GET /_ping", "GET /version"], daemon.Requests);
    }

    /// <summary>Answers /_ping with the given header line and /version with API 1.41, one request per connection.</summary>
    private sealed class PingDaemon : IAsyncDisposable
    {
        private readonly Socket _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        private PingDaemon(string socket, Socket listener, string pingHeader)
        {
            Socket = socket;
            _listener = listener;
            _loop = Task.Run(() => ServeAsync(pingHeader));
        }

        public string Socket { get; }

        public List<string> Requests { get; } = [];

        public static Task<PingDaemon> StartAsync(string pingHeader)
        {
            var path = Path.Combine(Path.GetTempPath(), $"cmcp-ping-{Guid.NewGuid():n}.sock");
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen();
            return Task.FromResult(new PingDaemon(path, listener, pingHeader));
        }

        private async Task ServeAsync(string pingHeader)
        {
            while (!_stop.IsCancellationRequested)
            {
                using var connection = await _listener.AcceptAsync(_stop.Token);
                using var stream = new NetworkStream(connection);
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token) == 1)
                    head.Append((char)one[0]);
                var line = head.ToString().Split(' ');
                lock (Requests) Requests.Add($"{line[0]} {line[1]}");
                var (extra, body) = line[1] == "/_ping" ? (pingHeader, "OK") : ("", """{"ApiVersion":"1.41","Version":"20.10"}""");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\n{extra}Content-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), _stop.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Dispose();
            try { await _loop; } catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
            File.Delete(Socket);
        }
    }
}
