using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ContainerMcp.Bench.Variants;

/// <summary>
/// (b) and (c): a command launched by the MCP SDK's <see cref="StdioClientTransport"/>, as most MCP hosts do it.
/// <paramref name="afterStop"/> waits for anything the command leaves behind (the baseline's container) to be gone.
/// </summary>
public sealed class SdkStdioVariant(
    string name, string key, string command, IReadOnlyList<string> arguments, Func<CancellationToken, Task>? afterStop = null)
    : IBenchVariant
{
    private readonly Dictionary<string, object?> _arguments = new(StringComparer.Ordinal) { ["message"] = "" };
    private McpClient? _client;

    public string Name => name;
    public string Key => key;

    /// <summary>The command line, for the report.</summary>
    public string CommandLine => string.Join(' ', new[] { command }.Concat(arguments).Select(Quote));

    public async Task StartAsync(CancellationToken ct)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = command,
            Arguments = [.. arguments],
            Name = key,
        }, NullLoggerFactory.Instance);
        var options = new McpClientOptions { ClientInfo = new Implementation { Name = "ContainerMcp.Bench", Version = "1.0" } };
        _client = await McpClient.CreateAsync(transport, options, NullLoggerFactory.Instance, ct);
    }

    public async Task ListToolsAsync(CancellationToken ct) => await Client.ListToolsAsync(cancellationToken: ct);

    public async Task EchoAsync(string message, CancellationToken ct)
    {
        _arguments["message"] = message;
        var result = await Client.CallToolAsync("echo", _arguments, cancellationToken: ct);
        if (result.IsError == true) throw new InvalidOperationException($"{Name}: echo reported an error.");
    }

    public async Task StopAsync(CancellationToken ct)
    {
        var client = _client;
        _client = null;
        if (client is not null) await client.DisposeAsync();
        if (afterStop is not null) await afterStop(ct);
    }

    private McpClient Client => _client ?? throw new InvalidOperationException($"{Name} is not started.");

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
}
