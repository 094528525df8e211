namespace ContainerMcp;

/// <summary>
/// Test-McpServerIsolation's answer for one server: IsIsolated, one entry per check, the networks its container
/// reaches, and Reasons (the failed checks' details), e.g. <c>$r.IsIsolated | Should -BeTrue -Because $r.Reasons</c>.
/// </summary>
public sealed class McpServerIsolation
{
    internal McpServerIsolation(IsolationReport report)
    {
        Name = report.ServerName;
        ContainerId = report.ContainerId;
        IsIsolated = report.IsIsolated;
        Checks = report.Checks.Select(c => new McpIsolationCheck(c.Name, c.Passed, c.Detail)).ToArray();
        Networks = report.Networks.Select(n => new McpServerNetwork(n.Name, n.Internal, n.ReachesHost)).ToArray();
        Reasons = report.Reasons.ToArray();
        EgressAllowList = report.EgressAllowList.ToArray();
    }

    public string Name { get; }
    public string ContainerId { get; }
    public string ShortId => ContainerId.Length > 12 ? ContainerId[..12] : ContainerId;
    public bool IsIsolated { get; }
    public McpIsolationCheck[] Checks { get; }
    public McpServerNetwork[] Networks { get; }

    /// <summary>The failed checks' details, one sentence each; empty when the server is isolated.</summary>
    public string[] Reasons { get; }

    /// <summary>What the server may reach through its egress proxy (host:port, "(private)" when from allow_private); empty without egress.</summary>
    public string[] EgressAllowList { get; }

    /// <summary>The check of this name (NonRootUser, ReadOnlyRootFilesystem, CapabilitiesDropped, …), or null.</summary>
    public McpIsolationCheck? this[string check] => Checks.FirstOrDefault(c => c.Name.Equals(check, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => $"{Name}: {(IsIsolated ? "isolated" : "not isolated")}";
}

/// <summary>One isolation check of a server: its name, whether it passed, and what was found.</summary>
public sealed class McpIsolationCheck(string name, bool passed, string detail)
{
    public string Name { get; } = name;
    public bool Passed { get; } = passed;
    public string Detail { get; } = detail;

    public override string ToString() => $"{Name}: {(Passed ? "passed" : "FAILED")} ({Detail})";
}

/// <summary>A network a server's container is attached to; ReachesHost: this machine's own addresses are reachable through it.</summary>
public sealed class McpServerNetwork(string name, bool @internal, bool reachesHost)
{
    public string Name { get; } = name;
    public bool Internal { get; } = @internal;
    public bool ReachesHost { get; } = reachesHost;

    public override string ToString() => Internal ? $"{Name} (internal)" : Name;
}
