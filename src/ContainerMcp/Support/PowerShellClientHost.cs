using System.Collections.ObjectModel;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Support;

/// <summary>
/// The person at the prompt as the engine's client host. What a server asks while a command works with it goes to that
/// command (its <see cref="ClientCallScope"/>): an elicitation is answered by the answer given in advance, else the
/// session's handler script block, else a prompt when the host can prompt; otherwise it is declined with a warning
/// naming the server and what it asked. Sampling goes to the session's handler, or is declined. Script blocks and
/// prompts run on the command's pipeline thread, never on the SDK's. Log messages go to the command's streams.
/// </summary>
internal sealed class PowerShellClientHost : IMcpClientHost
{
    private readonly Lock _gate = new();
    private readonly List<ClientCallScope> _scopes = [];

    public static PowerShellClientHost Instance { get; } = new();

    /// <summary>Answers elicitations no -ElicitationResponse answered; gets the request, returns an answer or nothing.</summary>
    public ScriptBlock? ElicitationHandler { get; set; }

    /// <summary>Answers sampling requests; gets the request, returns the text or @{ content; model; role }.</summary>
    public ScriptBlock? SamplingHandler { get; set; }

    /// <summary>Where changes and resource updates become PowerShell events.</summary>
    public ClientEvents Events { get; } = new();

    /// <summary>Puts this host at the client end of the registry's servers (once; servers started from then on).</summary>
    public static McpServerRegistry Install(McpServerRegistry registry)
    {
        if (registry.ClientHost is NoClientHost) registry.ClientHost = Instance;
        return registry;
    }

    /// <summary>Routes the server's requests and messages to the scope's command until disposed.</summary>
    public IDisposable Enter(ClientCallScope scope)
    {
        lock (_gate) _scopes.Add(scope);
        return new Leave(() => { lock (_gate) _scopes.Remove(scope); });
    }

    public async Task<McpElicitationAnswer> ElicitAsync(McpElicitationRequest request, CancellationToken ct)
    {
        var asked = $"MCP server '{request.ServerName}' asked for input {request.Describe()}";
        if (ScopeFor(request.ServerName) is not { } scope)
            return McpElicitationAnswer.Declined($"{asked}; declined: no command of this session was working with it to ask from.");
        var answer = scope.ElicitationResponse is { } given ? ClientAnswers.Elicitation(request, given) : null;
        if (answer is null && ElicitationHandler is { } handler)
        {
            try { answer = await scope.Writer.InvokeAsync(_ => ClientAnswers.Elicitation(request, Last(Run(handler, request)))).WaitAsync(ct); }
            catch (RuntimeException ex) { answer = McpElicitationAnswer.Declined($"{asked}; declined: the elicitation handler failed: {ex.Message}"); }
        }
        if (answer is null && scope.CanPrompt)
            answer = await scope.Writer.InvokeAsync(cmdlet => ElicitationPrompter.Ask((PSCmdlet)cmdlet, request)).WaitAsync(ct);
        answer ??= McpElicitationAnswer.Declined($"{asked}; declined: this PowerShell cannot prompt (non-interactive). Answer in advance " +
            "with Invoke-McpTool -ElicitationResponse @{...}, or a handler: Set-McpClientHandler -Elicitation {...}.");
        if (answer.Note is { } note) scope.Writer.WriteWarning(note);
        return answer;
    }

    public async Task<McpSamplingAnswer> SampleAsync(McpSamplingRequest request, CancellationToken ct)
    {
        var asked = $"MCP server '{request.ServerName}' asked for a model's message (sampling)";
        var scope = ScopeFor(request.ServerName);
        string reason;
        if (SamplingHandler is not { } handler)
            reason = "ContainerMcp has no sampling handler; register one with Set-McpClientHandler -Sampling { param($Request) ... }";
        else if (scope is null) reason = "no command of this session was working with it to run the sampling handler in";
        else
        {
            try
            {
                var answer = await scope.Writer.InvokeAsync(_ => ClientAnswers.Sampling(Run(handler, request))).WaitAsync(ct);
                if (answer is not null) return answer;
                reason = "the sampling handler returned no text";
            }
            catch (RuntimeException ex) { reason = $"the sampling handler failed: {ex.Message}"; }
        }
        scope?.Writer.WriteWarning($"{asked}; declined: {reason}.");
        throw new McpClientRequestDeclinedException($"Sampling declined by the client: {reason}.");
    }

    /// <summary>Debug to Debug, info and notice to Verbose, warning and worse to Warning, the level shown.</summary>
    public void OnLogMessage(McpLogMessage message)
    {
        if (ScopeFor(message.ServerName) is not { } scope) return;
        var text = $"MCP server '{message.ServerName}'{(message.Logger is null ? "" : $" ({message.Logger})")} {message.Level}: {message.Text}";
        if (message.IsWarning) scope.Writer.WriteWarning(text);
        else if (message.Level == "debug") scope.Writer.WriteDebug(text);
        else scope.Writer.WriteVerbose(text);
    }

    public void OnListChanged(string serverName, McpListKind kind) => Events.ListChanged(serverName, kind);

    public void OnResourceUpdated(string serverName, string uri) => Events.ResourceUpdated(serverName, uri);

    // The latest command working with this server: the one the person is waiting on.
    private ClientCallScope? ScopeFor(string serverName)
    {
        lock (_gate) return _scopes.LastOrDefault(s => string.Equals(s.ServerName, serverName, StringComparison.OrdinalIgnoreCase));
    }

    // $_ and the first argument are the request: { param($Request) … } and { $_.Message } both work.
    private static Collection<PSObject> Run(ScriptBlock handler, object request) =>
        handler.InvokeWithContext(null, [new PSVariable("_", request)], request);

    private static PSObject? Last(Collection<PSObject> output) => output.LastOrDefault(o => o is not null);

    private sealed class Leave(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}
