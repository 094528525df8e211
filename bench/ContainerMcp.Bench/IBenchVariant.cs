namespace ContainerMcp.Bench;

/// <summary>
/// One way of running the MCP server under test. The runner times <see cref="StartAsync"/> + <see cref="ListToolsAsync"/>
/// (cold start) and <see cref="EchoAsync"/> (warm latency); <see cref="StopAsync"/> is not timed and returns only once
/// everything the variant started is gone.
/// </summary>
public interface IBenchVariant
{
    /// <summary>The row label in the report, e.g. "(a) engine (attached stdio)".</summary>
    string Name { get; }

    /// <summary>Short key for the JSON output: "engine", "docker-run", "host".</summary>
    string Key { get; }

    /// <summary>From nothing to an initialised MCP session.</summary>
    Task StartAsync(CancellationToken ct);

    /// <summary>One tools/list round trip, fetched fresh from the server.</summary>
    Task ListToolsAsync(CancellationToken ct);

    /// <summary>One call of the <c>echo</c> tool; throws if the tool reports an error.</summary>
    Task EchoAsync(string message, CancellationToken ct);

    /// <summary>Stops the server and waits until its process or container is gone. Safe to call when not started.</summary>
    Task StopAsync(CancellationToken ct);
}
