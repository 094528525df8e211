using System.Threading.Channels;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// The request one engine operation sent, so that when the engine gives up on it (timeout, Ctrl+C) the server is
/// told to stop working on it, with MCP's <c>notifications/cancelled</c> and that request's id.
/// </summary>
/// <remarks>
/// The SDK (ModelContextProtocol.Core 2.3.1) means to send that notice itself, but it never goes out: it registers
/// the notice on the caller's token and then waits with <c>WaitAsync(token)</c>; the wait's registration runs first
/// (a token runs its callbacks newest first), ends the request inline, and that disposes the notice's registration
/// before it runs (csharp-sdk issue #1365). The SDK does not return request ids, so <see cref="RequestTrackingTransport"/>
/// notes each outgoing request here, in the slot of the operation whose async flow sent it.
/// </remarks>
internal sealed class SentRequest
{
    private static readonly TimeSpan NoticeLimit = TimeSpan.FromSeconds(1);
    private static readonly AsyncLocal<SentRequest?> Current = new();
    private JsonRpcRequest? _last;

    /// <summary>Starts noting the requests sent from the calling async flow (and only from it).</summary>
    public static SentRequest Track() => Current.Value = new SentRequest();

    internal static void Record(JsonRpcRequest request)
    {
        if (Current.Value is { } slot) slot._last = request;
    }

    /// <summary>Tells the server to drop the last request this operation sent. Does nothing before the session is
    /// up (initialize must not be cancelled) or when nothing was sent; a server that cannot be told is no error.</summary>
    public async Task CancelOnServerAsync(McpClient? client, string reason)
    {
        if (client is null || _last is not { Method: not RequestMethods.Initialize } request) return;
        try
        {
            using var limit = new CancellationTokenSource(NoticeLimit);
            await client.SendNotificationAsync(NotificationMethods.CancelledNotification,
                new CancelledNotificationParams { RequestId = request.Id, Reason = reason }, cancellationToken: limit.Token);
        }
        catch (Exception)
        {
            // Its input closed or it stopped reading: the caller's own error says what matters.
        }
    }
}

/// <summary>Passes everything through, noting each outgoing request for <see cref="SentRequest"/>.</summary>
internal sealed class RequestTrackingTransport(IClientTransport inner) : IClientTransport
{
    public string Name => inner.Name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new Session(await inner.ConnectAsync(cancellationToken));

    private sealed class Session(ITransport inner) : ITransport
    {
        public string? SessionId => inner.SessionId;
        public ChannelReader<JsonRpcMessage> MessageReader => inner.MessageReader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
        {
            if (message is JsonRpcRequest request) SentRequest.Record(request);
            return inner.SendMessageAsync(message, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
