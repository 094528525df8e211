using System.Threading.Channels;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// A client transport that shows each notification to <paramref name="onNotification"/> as it is read, before any later
/// message is handed on. The SDK handles every message on its own thread-pool task, so a log message written just
/// before a tool's answer could otherwise be handled after the call returned, and in any order; here it is seen in
/// order, while the call is still under way. The callback must be quick and must not block.
/// </summary>
internal sealed class InOrderNotifications(IClientTransport inner, Action<JsonRpcNotification> onNotification) : IClientTransport
{
    public string Name => inner.Name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new Session(await inner.ConnectAsync(cancellationToken).ConfigureAwait(false), onNotification);

    private sealed class Session : ITransport
    {
        private readonly ITransport _inner;
        private readonly Action<JsonRpcNotification> _onNotification;
        private readonly Channel<JsonRpcMessage> _messages = Channel.CreateUnbounded<JsonRpcMessage>(new() { SingleReader = true, SingleWriter = true });

        public Session(ITransport inner, Action<JsonRpcNotification> onNotification)
        {
            (_inner, _onNotification) = (inner, onNotification);
            _ = PumpAsync();
        }

        public string? SessionId => _inner.SessionId;
        public ChannelReader<JsonRpcMessage> MessageReader => _messages.Reader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) =>
            _inner.SendMessageAsync(message, cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();

        private async Task PumpAsync()
        {
            try
            {
                await foreach (var message in _inner.MessageReader.ReadAllAsync().ConfigureAwait(false))
                {
                    if (message is JsonRpcNotification notification)
                    {
                        try { _onNotification(notification); }
                        catch (Exception) { /* A listener's failure must not end the session. */ }
                    }
                    await _messages.Writer.WriteAsync(message).ConfigureAwait(false);
                }
                _messages.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                _messages.Writer.TryComplete(ex);
            }
        }
    }
}
