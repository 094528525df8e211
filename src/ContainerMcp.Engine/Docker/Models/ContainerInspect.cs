namespace ContainerMcp.Engine.Docker.Models;

/// <summary>The parts of <c>GET /containers/{id}/json</c> the product reads.</summary>
public sealed class ContainerInspect
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";
    public DateTimeOffset Created { get; set; }
    public int RestartCount { get; set; }
    public ContainerState State { get; set; } = new();
    public ContainerConfig Config { get; set; } = new();
    public HostConfig HostConfig { get; set; } = new();
    public NetworkSettings? NetworkSettings { get; set; }
}

public sealed class ContainerState
{
    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string Status { get; set; } = "";
    public bool Running { get; set; }
    public bool OOMKilled { get; set; }
    public bool Dead { get; set; }
    public int Pid { get; set; }
    public int ExitCode { get; set; }
    public string? Error { get; set; }
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }
}

public sealed class ContainerConfig
{
    public string? Image { get; set; }
    public string? User { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public bool StdinOnce { get; set; }
}

public sealed class NetworkSettings
{
    public Dictionary<string, EndpointSettings>? Networks { get; set; }
    public Dictionary<string, PortBinding[]?>? Ports { get; set; }
}

public sealed class EndpointSettings
{
    public string? NetworkID { get; set; }
    public string? IPAddress { get; set; }
    public string? Gateway { get; set; }
}

/// <summary>Response of <c>POST /containers/{id}/wait</c>.</summary>
public sealed class ContainerWaitResponse
{
    public long StatusCode { get; set; }
    public WaitError? Error { get; set; }
}

public sealed class WaitError
{
    public string? Message { get; set; }
}

/// <summary>One row of <c>GET /containers/json</c>.</summary>
public sealed class ContainerSummary
{
    public string Id { get; set; } = "";
    public List<string>? Names { get; set; }
    public string Image { get; set; } = "";
    public string? ImageID { get; set; }
    public string State { get; set; } = "";
    public string Status { get; set; } = "";
    public long Created { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}
