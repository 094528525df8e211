using System.Text.RegularExpressions;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Egress;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Engine.Servers;

/// <summary>A server to start: a unique name and the container that runs it.</summary>
public sealed partial record McpServerDefinition
{
    public McpServerDefinition(string name, ContainerLaunchSpec container)
    {
        if (!ValidName().IsMatch(name ?? ""))
            throw new ArgumentException(
                $"Server name '{name}' is not valid: use 1 to 63 letters, digits, '-', '_' or '.', starting with a letter or digit.",
                nameof(name));
        Name = name!;
        Container = container;
    }

    public string Name { get; }
    public ContainerLaunchSpec Container { get; init; }

    /// <summary>The engine to run on, by context name, discovered name or endpoint; null is the session's default engine.</summary>
    public string? Engine { get; init; }

    /// <summary>Which of the server's tools are offered; the others are neither listed nor callable.</summary>
    public ToolSelection Tools { get; init; } = ToolSelection.All;

    /// <summary>
    /// An image to build (or reuse, when unchanged) before the server starts; <see cref="Container"/>'s image is then
    /// replaced by the built one. Null runs <see cref="ContainerLaunchSpec.Image"/> as it is.
    /// </summary>
    public ImageRecipe? Build { get; init; }

    /// <summary>
    /// Egress by allow-list: the server runs on an internal network of its own, and reaches only these destinations,
    /// through a Squid proxy started before it. Null leaves the server's network as <see cref="Container"/> says.
    /// </summary>
    public EgressSpec? Egress { get; init; }

    /// <summary>The configuration this definition was made from, references unresolved; null when started from parameters.</summary>
    public McpServerConfig? Config { get; init; }

    /// <summary>How long the MCP initialize handshake may take after the container starts.</summary>
    public TimeSpan InitializeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest one tool call may take when the caller gives no timeout; null lets calls run.</summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>When the server's container runs: always (from start), on first use, or started in the background.</summary>
    public LifecycleStrategy Strategy { get; init; } = LifecycleStrategy.AlwaysOn;

    /// <summary>What happens when its container dies.</summary>
    public RestartPolicy Restart { get; init; } = RestartPolicy.Default;

    /// <summary>How often the server is pinged in the background; null checks only when asked.</summary>
    public TimeSpan? HealthCheckInterval { get; init; }

    /// <summary>On-demand servers: how long without a call before the container is stopped (the tool list is kept).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Replace the container after this many calls; null never.</summary>
    public long? MaxExecutions { get; init; }

    /// <summary>Replace the container once it is this old; null never.</summary>
    public TimeSpan? RotationInterval { get; init; }

    /// <summary>How long a stopping server gets to exit after end of input before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The default of <see cref="MaxMessageBytes"/>: 16 MiB.</summary>
    public const long DefaultMaxMessageBytes = 16L * 1024 * 1024;

    /// <summary>
    /// The largest one message from the server may be (max_message_mb). A larger one is refused without being held in
    /// memory: the call it answers fails naming the size and the limit, and the server keeps running.
    /// </summary>
    public long MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>How many stderr lines are kept in memory for logs and error messages.</summary>
    public int StderrLines { get; init; } = 200;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex ValidName();
}
