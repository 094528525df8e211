namespace ContainerMcp.Engine.Docker.Models;

/// <summary>Body of <c>POST /containers/create</c>. Property names follow the Engine API's JSON.</summary>
public sealed class ContainerCreateRequest
{
    public required string Image { get; set; }
    public string? User { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public string? WorkingDir { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public bool StdinOnce { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public HostConfig? HostConfig { get; set; }
}

/// <summary>The <c>HostConfig</c> object, shared by create and inspect.</summary>
public sealed class HostConfig
{
    public bool? Init { get; set; }
    public bool ReadonlyRootfs { get; set; }
    /// <summary>Mount point to mount options, e.g. <c>/tmp</c> → <c>rw,noexec,nosuid,size=64m</c>.</summary>
    public Dictionary<string, string>? Tmpfs { get; set; }
    public List<string>? CapDrop { get; set; }
    public List<string>? CapAdd { get; set; }
    public List<string>? SecurityOpt { get; set; }
    public string? NetworkMode { get; set; }
    /// <summary><c>host</c> shares the host's process or IPC namespace; empty or null keeps the container's own.</summary>
    public string? PidMode { get; set; }
    public string? IpcMode { get; set; }
    /// <summary>Bytes; 0 means unlimited.</summary>
    public long Memory { get; set; }
    public long MemorySwap { get; set; }
    /// <summary>CPU quota in units of 1e-9 CPUs.</summary>
    public long NanoCpus { get; set; }
    public long? PidsLimit { get; set; }
    public List<string>? Binds { get; set; }
    public bool AutoRemove { get; set; }
    public Dictionary<string, PortBinding[]?>? PortBindings { get; set; }
    public bool PublishAllPorts { get; set; }
    public bool Privileged { get; set; }
    public LogConfig? LogConfig { get; set; }
}

public sealed class PortBinding
{
    public string? HostIp { get; set; }
    public string? HostPort { get; set; }
}

public sealed class ContainerCreateResponse
{
    public string Id { get; set; } = "";
    public List<string>? Warnings { get; set; }
}

public sealed class LogConfig
{
    public string Type { get; set; } = "";
    public Dictionary<string, string>? Config { get; set; }
}
