using Microsoft.Extensions.Logging;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// The SDK's logger for one session, keeping only what tells about a misbehaving server — a line on stdout that is
/// not JSON-RPC, an answer nobody waits for (an unknown id, or a second answer) — as a note in the server's log.
/// The SDK ignores both and carries on; the note is how the user learns of it. Ten notes of a kind, then at most one a
/// second with a count of those left out, so a flood of garbage cannot push the server's own stderr out of the log.
/// </summary>
internal sealed class ProtocolNotes(Action<string> note) : ILoggerFactory, ILogger
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private const int Burst = 10;
    private readonly Kind[] _kinds = [new("NoRequestFoundForMessageWithId"), new("TransportMessageParseFailed")];
    private volatile bool _started;

    /// <summary>From now on answers nobody waits for are noted. Before it, the one expected is the late answer to
    /// the SDK's server/discover probe, which is given up on at once by design (ContainerSession.DiscoverProbeTimeout).</summary>
    public void SessionStarted() => _started = true;

    public ILogger CreateLogger(string categoryName) => this;
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    // Information: both events are logged at that level; nothing is formatted unless it is one of them.
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Name is not { } name) return;
        var kind = Array.Find(_kinds, k => name.EndsWith(k.EventName, StringComparison.Ordinal));
        if (kind is null || (kind == _kinds[0] && !_started) || kind.Suppress(out int skipped)) return;
        string text = kind == _kinds[0]
            ? $"answered request id {Value(state, "RequestId")}, which no call is waiting for (an unknown id, a second answer, or a request given up on); it was ignored."
            : $"wrote a line to stdout that is not a JSON-RPC message ({First(exception?.Message)}); it was ignored.";
        note(skipped > 0 ? $"{text} ({skipped} more like it before this were not noted.)" : text);
    }

    private static string Value<TState>(TState state, string key) =>
        state is IEnumerable<KeyValuePair<string, object?>> values
            ? values.FirstOrDefault(v => v.Key == key).Value?.ToString() ?? "?"
            : "?";

    private static string First(string? message) => (message ?? "unreadable").Split('\n')[0].Trim();

    private sealed class Kind(string eventName)
    {
        private readonly Lock _gate = new();
        private DateTime _last = DateTime.MinValue;
        private int _noted;
        private int _skipped;

        public string EventName { get; } = eventName;

        /// <summary>True when past the first ten one of this kind was noted less than a second ago; otherwise how many were left out since.</summary>
        public bool Suppress(out int skipped)
        {
            lock (_gate)
            {
                skipped = 0;
                var now = DateTime.UtcNow;
                if (++_noted > Burst && now - _last < Quiet) { _skipped++; return true; }
                _last = now;
                (skipped, _skipped) = (_skipped, 0);
                return false;
            }
        }
    }
}
