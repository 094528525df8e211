using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// The other end of what a server asks of its client and tells it: whoever sits there (the PowerShell module puts the
/// person at the prompt there) answers elicitation and sampling, and hears log messages and changes. Called on the
/// SDK's threads; an implementation that needs its own thread marshals there itself, and never blocks forever.
/// </summary>
public interface IMcpClientHost
{
    /// <summary>The answer to an elicitation; declining is an answer (<see cref="McpElicitationAnswer.Declined"/>).</summary>
    Task<McpElicitationAnswer> ElicitAsync(McpElicitationRequest request, CancellationToken ct);

    /// <summary>The model's message; throws <see cref="McpClientRequestDeclinedException"/> (its message goes to the server) when none can be had.</summary>
    Task<McpSamplingAnswer> SampleAsync(McpSamplingRequest request, CancellationToken ct);

    /// <summary>A log message the server sent (already kept in the server's message log).</summary>
    void OnLogMessage(McpLogMessage message);

    /// <summary>A list changed; for tools, the server's cached list is already fresh.</summary>
    void OnListChanged(string serverName, McpListKind kind);

    /// <summary>A resource the client subscribed to changed.</summary>
    void OnResourceUpdated(string serverName, string uri);
}

/// <summary>No one at the other end: elicitation and sampling are declined, saying so; what is told is dropped (the log keeps it).</summary>
public sealed class NoClientHost : IMcpClientHost
{
    public static NoClientHost Instance { get; } = new();

    public Task<McpElicitationAnswer> ElicitAsync(McpElicitationRequest request, CancellationToken ct) =>
        Task.FromResult(McpElicitationAnswer.Declined($"MCP server '{request.ServerName}' asked for input {request.Describe()}; " +
            "declined: this client has no one to ask."));

    public Task<McpSamplingAnswer> SampleAsync(McpSamplingRequest request, CancellationToken ct) =>
        throw new McpClientRequestDeclinedException("Sampling declined: this client has no sampling handler.");

    public void OnLogMessage(McpLogMessage message) { }
    public void OnListChanged(string serverName, McpListKind kind) { }
    public void OnResourceUpdated(string serverName, string uri) { }
}
