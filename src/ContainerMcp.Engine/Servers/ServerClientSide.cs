using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// The client side of one server, across its containers: what its sessions answer when the server asks (elicitation,
/// sampling, roots) and where what it tells goes (log messages into <see cref="Log"/> and on to the host; list changes to
/// the server's cache, then the host). A host that fails never fails the server: the request is declined, saying why.
/// </summary>
internal sealed class ServerClientSide(string serverName, IReadOnlyList<McpRoot> roots, IMcpClientHost host, Func<McpListKind, Task<bool>> listChanged)
{
    private const string OurLogger = "ContainerMcp";

    public string ServerName { get; } = serverName;
    public IReadOnlyList<McpRoot> Roots { get; } = roots;
    public McpLogBook Log { get; } = new();

    public async Task<McpElicitationAnswer> ElicitAsync(McpElicitationRequest request, CancellationToken ct)
    {
        McpElicitationAnswer answer;
        try { answer = await host.ElicitAsync(request, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answer = McpElicitationAnswer.Declined($"MCP server '{ServerName}' asked for input {request.Describe()}; declined: {ex.Message}");
        }
        Note("info", $"Elicitation {request.Describe()}: {answer.Action}" + (answer.Note is null ? "" : $" ({answer.Note})"));
        return answer;
    }

    public async Task<McpSamplingAnswer> SampleAsync(McpSamplingRequest request, CancellationToken ct)
    {
        try { return await host.SampleAsync(request, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Note("warning", $"Sampling request declined: {ex.Message}");
            throw ex as McpClientRequestDeclinedException ?? new McpClientRequestDeclinedException($"Sampling failed in the client: {ex.Message}");
        }
    }

    public void OnLogMessage(string level, string? logger, string text)
    {
        var message = new McpLogMessage(ServerName, DateTimeOffset.Now, level, logger, text);
        Log.Add(message);
        host.OnLogMessage(message);
    }

    /// <summary>The cache first (in the background: the SDK's reader must not wait on a request of ours), then the host,
    /// unless the change came before anyone read the list (a server adding tools during its start).</summary>
    public void OnListChanged(McpListKind kind) => _ = Task.Run(async () =>
    {
        var tell = true;
        try { tell = await listChanged(kind); }
        catch (Exception ex) { Note("warning", $"The {kind.ToString().ToLowerInvariant()} list changed but could not be read again: {ex.Message}"); }
        if (tell) host.OnListChanged(ServerName, kind);
    });

    public void OnResourceUpdated(string uri) => host.OnResourceUpdated(ServerName, uri);

    private void Note(string level, string text) => Log.Add(new McpLogMessage(ServerName, DateTimeOffset.Now, level, OurLogger, text));
}
