using System.Text;

namespace ContainerMcp.Bench;

/// <summary>
/// JSON-RPC lines written and read by hand, with no MCP SDK: what a round trip costs over a pair of streams alone.
/// Just enough protocol for the echo tool: initialize, initialized, tools/call.
/// </summary>
public sealed class RawJsonRpcPeer(Stream toServer, Stream fromServer)
{
    private readonly StreamReader _reader = new(fromServer, new UTF8Encoding(false), false, 4096, leaveOpen: true);
    private int _nextId;

    public async Task InitializeAsync(CancellationToken ct)
    {
        await RequestAsync("initialize",
            """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench-raw","version":"0"}}""", ct);
        await WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", ct);
    }

    public Task EchoAsync(CancellationToken ct) =>
        RequestAsync("tools/call", """{"name":"echo","arguments":{"message":"x"}}""", ct);

    /// <summary>Sends one request and reads lines until its response arrives (notifications in between are skipped).</summary>
    private async Task RequestAsync(string method, string paramsJson, CancellationToken ct)
    {
        int id = ++_nextId;
        await WriteLineAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}""", ct);
        string marker = $"\"id\":{id}";
        while (true)
        {
            string line = await _reader.ReadLineAsync(ct)
                ?? throw new InvalidOperationException($"the server's output ended while waiting for the answer to {method}");
            if (!line.Contains(marker, StringComparison.Ordinal)) continue;
            if (line.Contains("\"error\":", StringComparison.Ordinal))
                throw new InvalidOperationException($"{method} failed: {line}");
            return;
        }
    }

    private async Task WriteLineAsync(string line, CancellationToken ct)
    {
        await toServer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);
        await toServer.FlushAsync(ct);
    }
}
