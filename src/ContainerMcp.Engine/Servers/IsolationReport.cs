namespace ContainerMcp.Engine.Servers;

/// <summary>One barrier between a server and the rest of the machine: whether it holds, and what was found.</summary>
public sealed record IsolationCheck(string Name, bool Passed, string Detail);

/// <summary>A network the server's container is attached to. <c>ReachesHost</c>: this machine's own addresses are reachable through it.</summary>
public sealed record ReachableNetwork(string Name, bool Internal, bool ReachesHost);

/// <summary>How well one server's container is shut in: each check, and the networks it can reach.</summary>
public sealed record IsolationReport(string ServerName, string ContainerId, IReadOnlyList<IsolationCheck> Checks, IReadOnlyList<ReachableNetwork> Networks)
{
    /// <summary>The destinations the server may reach through its egress proxy; empty when it has no allow-list.</summary>
    public IReadOnlyList<string> EgressAllowList { get; init; } = [];

    /// <summary>True when every check passed.</summary>
    public bool IsIsolated => Checks.All(c => c.Passed);

    /// <summary>The failed checks' details, one sentence each; empty when the server is isolated.</summary>
    public IReadOnlyList<string> Reasons => Checks.Where(c => !c.Passed).Select(c => c.Detail).ToList();
}
