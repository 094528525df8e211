namespace ContainerMcp.Engine.Servers;

/// <summary>
/// The time a server's lifecycle reads (idle timeouts) and waits on (restart backoff). The real one is the system
/// clock; a test drives its own, so the state machine is tested without sleeping.
/// </summary>
internal class LifecycleClock
{
    public static LifecycleClock System { get; } = new();

    public virtual DateTimeOffset Now => DateTimeOffset.Now;

    public virtual Task Delay(TimeSpan delay, CancellationToken ct) => Task.Delay(delay, ct);
}
