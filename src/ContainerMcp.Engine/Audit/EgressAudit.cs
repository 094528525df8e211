using ContainerMcp.Engine.Egress;

namespace ContainerMcp.Engine.Audit;

/// <summary>An egress proxy's log line as an audit record: who asked for what, and whether the allow-list let it through.</summary>
public static class EgressAudit
{
    public static AuditRecord Record(string serverName, string containerId, EgressLogEntry entry) => new()
    {
        Time = entry.Time,
        Event = AuditEvents.Egress,
        Server = serverName,
        ContainerId = containerId.Length > 0 ? containerId : null,
        Method = entry.Method,
        Destination = entry.Destination,
        Outcome = entry.Allowed ? AuditRecord.EgressAllowed : "denied",
    };
}
