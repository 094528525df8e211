using System.Management.Automation;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

/// <summary>Pings each server (5 s limit) and reads its container's state and memory.</summary>
[Cmdlet(VerbsCommon.Get, "McpServerHealth")]
[OutputType(typeof(McpServerHealth))]
public sealed class GetMcpServerHealthCommand : McpCmdlet
{
    private static readonly TimeSpan PingLimit = TimeSpan.FromSeconds(5);

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var server in FindServers(Name))
            RunForItem("HealthCheckFailed", server.Name, async ct =>
            {
                var health = await CheckAsync(server, ct);
                Post(() => WriteObject(health));
            });
    }

    private static async Task<McpServerHealth> CheckAsync(EngineServer server, CancellationToken ct)
    {
        if (server.State is not (McpServerState.Running or McpServerState.Starting))
            return new McpServerHealth
            {
                ServerName = server.Name, Status = McpHealthStatus.Stopped, ContainerState = server.State == McpServerState.Exited ? "exited" : "removed",
                Uptime = server.Uptime, LastError = server.Exit?.Describe(),
            };
        TimeSpan? latency = null;
        string? error = null, containerState = null;
        long? memory = null;
        try { latency = await server.PingAsync(PingLimit, ct); }
        catch (McpServerException ex) { error = ex.Message; }
        try
        {
            var docker = McpServerRegistry.Shared.Docker;
            containerState = (await docker.InspectContainerAsync(server.ContainerId, ct)).State.Status;
            memory = (long?)(await docker.GetContainerStatsAsync(server.ContainerId, ct)).MemoryStats?.Usage;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { error ??= ex.Message; }
        return new McpServerHealth
        {
            ServerName = server.Name, Status = latency is null ? McpHealthStatus.Unhealthy : McpHealthStatus.Healthy,
            PingLatency = latency, ContainerState = containerState, Uptime = server.Uptime, MemoryBytes = memory, LastError = error,
        };
    }
}
