using ContainerMcp.Engine.Config;

namespace ContainerMcp.Support;

/// <summary>
/// Base of every cmdlet. What it writes goes through <see cref="Output"/>, which is right from any thread: the
/// cmdlet's own Write* methods are hidden here, so a call to one does not compile. Async engine work runs through
/// <c>Run</c>: it gets the writer, returns its result, and is cancelled when the user presses Ctrl+C.
/// </summary>
public abstract partial class McpCmdlet : PSCmdlet
{
    /// <summary>The parameter sets of the cmdlets that read servers from a file (-ConfigPath) or from piped configurations.</summary>
    protected const string FromFile = "ConfigPath", FromObject = "Configuration";

    private const string UseOutput = "Write through Output, or the writer the work is given: either is right from any thread.";
    private readonly CancellationTokenSource _stopping = new();
    private PipelineWriter? _output;
    private ServedServer? _served;   // a class, not a tuple: a value-type field would load the engine before its resolver is hooked

    protected static McpServerRegistry Registry => PowerShellClientHost.Install(McpServerRegistry.Shared);

    /// <summary>Writes to the pipeline: at once on the pipeline thread, queued for it from async work.</summary>
    protected PipelineWriter Output => _output ??= new PipelineWriter(this);

    protected override void BeginProcessing()
    {
        PowerShellClientHost.Instance.Events.Use(Events);
        if (Registry.TakeSetupWarning() is { } warning) Output.WriteWarning(warning);
    }

    /// <summary>From now on, while <c>Run</c> works, what <paramref name="server"/> asks of its client (elicitation,
    /// sampling) is answered here and its log messages reach this command's streams; -Verbose or -Debug first sets the
    /// server's log level. <paramref name="elicitationResponse"/> answers its elicitations in advance.</summary>
    protected void ServeClientRequests(ManagedServer server, object? elicitationResponse = null) => _served = new(server, elicitationResponse);

    /// <summary>Runs the work to completion, doing what it writes on this thread, and returns its result. Its exception
    /// is rethrown here; a cancellation caused by Ctrl+C ends the pipeline quietly.</summary>
    protected T Run<T>(Func<PipelineWriter, CancellationToken, Task<T>> work)
    {
        if (_served is not { Server: var server, ElicitationResponse: var answers }) return Output.Pump(work, _stopping);
        var level = HostAbilities.LogLevel(this);
        using var scope = PowerShellClientHost.Instance.Enter(new ClientCallScope(server.Name, Output, answers, HostAbilities.CanPrompt(this)));
        if (level is null) return Output.Pump(work, _stopping); // the common case: no level to set first
        return Output.Pump(async (writer, ct) =>
        {
            // Only on a running server: setting a level must not start an idle one (a refused call never does).
            if (server.State == McpServerState.Running) await SetLogLevelAsync(server, level, writer, ct).ConfigureAwait(false);
            return await work(writer, ct).ConfigureAwait(false);
        }, _stopping);
    }

    private sealed record ServedServer(ManagedServer Server, object? ElicitationResponse);

    // A level the server refuses costs the call nothing: it is said, and the call goes on.
    private static async Task SetLogLevelAsync(ManagedServer server, string level, PipelineWriter writer, CancellationToken ct)
    {
        try { await server.SetLogLevelAsync(level, ct).ConfigureAwait(false); }
        catch (McpServerProtocolException ex) { writer.WriteWarning($"The log level of MCP server '{server.Name}' was not set to {level}: {ex.Message}"); }
    }

    protected void Run(Func<PipelineWriter, CancellationToken, Task> work) => Run(async (writer, ct) =>
    {
        await work(writer, ct).ConfigureAwait(false);
        return true;
    });

    /// <summary>Runs one item's work; its failure becomes a non-terminating error about <paramref name="target"/>
    /// and the result is the default.</summary>
    protected T? RunForItem<T>(string errorId, object? target, Func<PipelineWriter, CancellationToken, Task<T>> work)
    {
        try { return Run(work); }
        catch (Exception ex) when (ex is not (PipelineStoppedException or ActionPreferenceStopException))
        {
            Output.WriteError(McpErrors.From(ex, errorId, target));
            return default;
        }
    }

    protected void RunForItem(string errorId, object? target, Func<PipelineWriter, CancellationToken, Task> work) =>
        RunForItem(errorId, target, async (writer, ct) =>
        {
            await work(writer, ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>Runs work the whole command depends on: its failure ends the command.</summary>
    protected T RunOrStop<T>(string errorId, Func<PipelineWriter, CancellationToken, Task<T>> work)
    {
        try { return Run(work); }
        catch (Exception ex) when (ex is not (PipelineStoppedException or ActionPreferenceStopException))
        {
            ThrowTerminatingError(McpErrors.From(ex, errorId, null));
            throw; // not reached: ThrowTerminatingError throws
        }
    }

    /// <summary>What <paramref name="read"/> returns; a configuration that cannot be read or used is a non-terminating
    /// InvalidConfiguration error about <paramref name="target"/>, and null.</summary>
    protected T? ReadConfiguration<T>(object? target, Func<T> read) where T : class
    {
        try { return read(); }
        catch (Exception ex) when (ex is Engine.Config.McpConfigException or Engine.Docker.InvalidImageReferenceException or ArgumentException or ItemNotFoundException)
        {
            Output.WriteError(McpErrors.From(ex, "InvalidConfiguration", target));
            return null;
        }
    }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>True when Docker accepts <paramref name="reference"/> as an image reference; else a non-terminating
    /// InvalidImageReference error (InvalidArgument) and false, before the daemon is asked.</summary>
    protected bool IsImageReference(string reference)
    {
        if (Engine.Docker.ImageReference.TryParse(reference, out _, out var problem)) return true;
        Output.WriteError(McpErrors.From(new Engine.Docker.InvalidImageReferenceException(reference, problem), "InvalidImageReference", reference));
        return false;
    }

    /// <summary>Servers by name or wildcard (all when none given); a plain name that matches nothing is a non-terminating error.</summary>
    protected IEnumerable<ManagedServer> FindServers(string[]? names)
    {
        if (names is not { Length: > 0 }) return Registry.Find();
        var found = new List<ManagedServer>();
        foreach (var name in names)
        {
            var matches = Registry.Find(name);
            if (matches.Count == 0 && !NamePattern.HasWildcards(name))
                Output.WriteError(McpErrors.ServerNotFound(name));
            found.AddRange(matches.Where(m => !found.Contains(m)));
        }
        return found;
    }

    /// <summary>The one server of this exact name, or a non-terminating ObjectNotFound error and null.</summary>
    protected ManagedServer? GetServer(string name)
    {
        if (Registry.TryGet(name, out var server)) return server;
        Output.WriteError(McpErrors.ServerNotFound(name));
        return null;
    }

    /// <summary>Stops this very server: a stale object never stops a newer server that took its name.</summary>
    protected static Task StopServerAsync(ManagedServer server, CancellationToken ct) =>
        Registry.TryGet(server.Name, out var current) && ReferenceEquals(current, server)
            ? Registry.StopAsync(server.Name, ct)
            : server.StopAsync(ct);

    /// <summary>
    /// Containers of ours that no live session owns (this session's servers never are), on the engines named, else on
    /// every engine this session uses; failing to list them ends the command.
    /// </summary>
    protected IReadOnlyList<McpOrphanedContainer> FindOrphans(bool includeOtherHosts, string[]? engines = null) =>
        RunOrStop("OrphanSearchFailed", async (_, ct) =>
        {
            var found = new List<McpOrphanedContainer>();
            foreach (var engine in EnginesNamed(engines))
                found.AddRange((await Registry.OrphansOn(engine).FindAsync(includeOtherHosts, ct)).Select(o => new McpOrphanedContainer(o, engine)));
            return found;
        });

    /// <summary>The engines named (contexts, discovered names or endpoints), else every engine this session uses.</summary>
    /// <exception cref="ContainerMcp.Engine.Engines.UnknownEngineException">A name names no engine.</exception>
    protected static IReadOnlyList<ContainerMcp.Engine.Engines.EngineConnection> EnginesNamed(string[]? engines) =>
        engines is { Length: > 0 } ? engines.Select(Registry.Engines.Resolve).Distinct().ToList() : Registry.Engines.InUse;

    // Hidden so that a call does not compile: Output is the one way to write, and is right from any thread.
    [Obsolete(UseOutput, error: true)] protected new void WriteObject(object sendToPipeline) => Output.WriteObject(sendToPipeline);
    [Obsolete(UseOutput, error: true)] protected new void WriteObject(object sendToPipeline, bool enumerateCollection) => Output.WriteObject(sendToPipeline, enumerateCollection);
    [Obsolete(UseOutput, error: true)] protected new void WriteError(ErrorRecord errorRecord) => Output.WriteError(errorRecord);
    [Obsolete(UseOutput, error: true)] protected new void WriteWarning(string text) => Output.WriteWarning(text);
    [Obsolete(UseOutput, error: true)] protected new void WriteVerbose(string text) => Output.WriteVerbose(text);
    [Obsolete(UseOutput, error: true)] protected new void WriteProgress(ProgressRecord progressRecord) => throw new NotSupportedException(UseOutput);
}
