namespace ContainerMcp.Engine.Servers;

/// <summary>
/// What can happen to a server's lifecycle. <see cref="ServerSupervisor{TSession}"/> applies each one in a single transition
/// function under a single lock; docs/ARCHITECTURE.md draws the states and these events between them.
/// </summary>
internal abstract record LifecycleEvent
{
    /// <summary>The server was registered: launch now (always-on, pre-warmed) or wait for the first request (on-demand).</summary>
    public sealed record StartRequested(IProgress<string>? Progress) : LifecycleEvent;

    /// <summary>A request wants a container: it gets the current one, or waits for the one being (re)started.</summary>
    public sealed record RequestArrived(string Operation, bool IsCall) : LifecycleEvent;

    /// <summary>A request is done with its container; after a tool call a rotation may be due.</summary>
    public sealed record RequestEnded(bool WasCall) : LifecycleEvent;

    /// <summary>A container answered its handshake and can take requests.</summary>
    public sealed record Launched(IContainerSession Session, bool IsRestart) : LifecycleEvent;

    /// <summary>A container could not be started (or its handshake failed); on a restart, an engine that cannot be
    /// reached is no crash of the server: it waits for the engine instead.</summary>
    public sealed record LaunchFailed(Exception Error, bool IsRestart) : LifecycleEvent;

    /// <summary>A container ended without being asked to.</summary>
    public sealed record ContainerDied(IContainerSession Session) : LifecycleEvent;

    /// <summary>The restart loop asks for its next attempt: a delay to wait, or giving up (Failed).</summary>
    public sealed record RestartDue : LifecycleEvent;

    /// <summary>The engine answered again while the server waited for it: restart now.</summary>
    public sealed record EngineAnswered : LifecycleEvent;

    /// <summary>A rotation's new container is up: it replaces <paramref name="Old"/> if that is still current.</summary>
    public sealed record Rotated(IContainerSession Old, IContainerSession Fresh) : LifecycleEvent;

    /// <summary>A rotation could not start its new container; the old one stays.</summary>
    public sealed record RotationFailed(string Reason) : LifecycleEvent;

    /// <summary>The watch loop's tick: rotation by age, idling out an unused on-demand container.</summary>
    public sealed record Tick : LifecycleEvent;

    public sealed record StopRequested : LifecycleEvent;

    public sealed record StopCompleted : LifecycleEvent;
}
