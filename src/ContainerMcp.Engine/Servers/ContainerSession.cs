using System.Diagnostics;
using System.Text.Json;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Egress;
using ContainerMcp.Engine.Mcp;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// The MCP session over one container: the SDK client talking to the server over the container's attached stdio.
/// A restart or a rotation makes a new one; <see cref="ServerSupervisor{TSession}"/> decides when. Every call fails fast,
/// naming the server and quoting its stderr, once this container ends.
/// </summary>
internal sealed partial class ContainerSession : IContainerSession, IAsyncDisposable
{
    private static readonly TimeSpan ExitInspectionLimit = TimeSpan.FromMilliseconds(800);

    private readonly AttachedContainer _container;
    private readonly CancellationTokenSource _ended = new();
    private readonly TaskCompletionSource _endRecorded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private McpClient? _client;
    private int _inFlight;
    private volatile McpServerState _state = McpServerState.Starting;

    private ContainerSession(McpServerDefinition definition, AttachedContainer container, EgressProxy? proxy)
    {
        Definition = definition;
        _container = container;
        EgressProxy = proxy;
        StartedAt = DateTimeOffset.Now;
        _ = RecordEndAsync();
    }

    public string Name => Definition.Name;
    public McpServerDefinition Definition { get; }
    public string ContainerId => _container.Id;
    public string ContainerName => _container.ContainerName;
    public string Image => Definition.Container.Image;

    /// <summary>The server's egress proxy, when it has an allow-list; stopped with the container.</summary>
    public EgressProxy? EgressProxy { get; }
    public McpServerState State => _state;

    public bool HasEnded => _state is McpServerState.Exited;

    /// <summary>Completes once the container has ended and how is recorded: true when nobody asked it to.</summary>
    public Task<bool> Ended => _endRecorded.Task.ContinueWith(_ => _state == McpServerState.Exited, TaskScheduler.Default);

    /// <summary>Requests under way on this container; a retiring session waits for them to finish.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Marks a request as under way from the moment it chose this container (see <see cref="InFlight"/>).</summary>
    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Time from start to now, or to its end once it ended.</summary>
    public TimeSpan Uptime => (EndedAt ?? DateTimeOffset.Now) - StartedAt;

    /// <summary>How the container ended, when it has.</summary>
    public ContainerExit? Exit => _container.Exit;

    /// <summary>Set once the handshake is done.</summary>
    public McpServerIdentity? Identity { get; private set; }

    /// <summary>The last stderr lines the server wrote, oldest first.</summary>
    public IReadOnlyList<string> GetStderr(int? tail = null) => _container.Stderr.Tail(tail);

    /// <summary>Every tool the server offers; the server filters and caches them.</summary>
    public async Task<IReadOnlyList<McpToolInfo>> ListToolsAsync(CancellationToken ct = default)
    {
        var tools = await RunAsync("listing tools", async token => await Client.ListToolsAsync(cancellationToken: token), null, ct);
        return tools.Select(t => McpMapping.ToToolInfo(Name, t.ProtocolTool)).ToList();
    }

    /// <summary>Calls a tool. A tool's own failure comes back as a result with IsError set; only transport,
    /// protocol and timeout failures throw.</summary>
    public async Task<McpToolCallResult> CallToolAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress>? progress = null,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var sdkProgress = progress is null ? null : new ProgressRelay(progress);
        var watch = Stopwatch.StartNew();
        var result = await RunAsync($"calling tool '{toolName}'", async token =>
            await Client.CallToolAsync(toolName, arguments.Json, sdkProgress, cancellationToken: token), timeout ?? Definition.CallTimeout, ct,
            failure: $"Tool '{toolName}' of MCP server '{Name}' failed");
        return McpMapping.ToToolResult(Name, toolName, result, watch.Elapsed);
    }

    /// <summary>Round trip of an MCP ping.</summary>
    public async Task<TimeSpan> PingAsync(TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await RunAsync("answering a ping", async token => await Client.PingAsync(cancellationToken: token), timeout, ct);
        return watch.Elapsed;
    }

    public async Task<IReadOnlyList<McpResourceInfo>> ListResourcesAsync(CancellationToken ct = default)
    {
        var list = await RunAsync("listing resources", async token => await Client.ListResourcesAsync(cancellationToken: token), null, ct);
        return list.Select(r => McpMapping.ToResourceInfo(Name, r.ProtocolResource)).ToList();
    }

    public async Task<IReadOnlyList<McpResourceData>> ReadResourceAsync(string uri, CancellationToken ct = default)
    {
        var result = await RunAsync($"reading resource '{uri}'", async token => await Client.ReadResourceAsync(uri, cancellationToken: token), null, ct);
        return result.Contents.Select(c => McpMapping.ToResourceContent(Name, c)).ToList();
    }

    public async Task<IReadOnlyList<McpPromptInfo>> ListPromptsAsync(CancellationToken ct = default)
    {
        var list = await RunAsync("listing prompts", async token => await Client.ListPromptsAsync(cancellationToken: token), null, ct);
        return list.Select(p => McpMapping.ToPromptInfo(Name, p.ProtocolPrompt)).ToList();
    }

    public async Task<IReadOnlyList<McpRenderedMessage>> GetPromptAsync(
        string promptName, IReadOnlyDictionary<string, object?>? arguments = null, CancellationToken ct = default)
    {
        var result = await RunAsync($"rendering prompt '{promptName}'",
            async token => await Client.GetPromptAsync(promptName, arguments, cancellationToken: token), null, ct);
        return result.Messages.Select(McpMapping.ToPromptMessage).ToList();
    }

    /// <summary>Values the server suggests for a prompt's argument, given what is typed and the other arguments so far.</summary>
    public async Task<McpCompletion> CompletePromptArgumentAsync(
        string promptName, string argumentName, string value, IReadOnlyDictionary<string, string>? context, CancellationToken ct = default)
    {
        var request = new CompleteRequestParams
        {
            Ref = new PromptReference { Name = promptName },
            Argument = new Argument { Name = argumentName, Value = value },
            Context = context is { Count: > 0 } ? new CompleteContext { Arguments = context.ToDictionary() } : null,
        };
        var result = await RunAsync($"completing argument '{argumentName}' of prompt '{promptName}'",
            async token => await Client.CompleteAsync(request, token), null, ct);
        return new McpCompletion(result.Completion.Values.ToList(), result.Completion.Total, result.Completion.HasMore ?? false);
    }

    /// <summary>The container's state and memory as the daemon reports them now (the health check's second half).</summary>
    public Task<ContainerProbe> ProbeContainerAsync(CancellationToken ct) => _container.ProbeAsync(ct);

    /// <summary>Stops the server (end of input, grace period, then kill) and removes its container.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_state is McpServerState.Stopped) return;
        if (_state is not McpServerState.Exited) _state = McpServerState.Stopping;
        await _container.StopAsync(Definition.StopGracePeriod, ct);
        if (EgressProxy is not null) await EgressProxy.StopAsync(ct);
        if (_client is not null) await _client.DisposeAsync();
        if (_state is McpServerState.Stopping) _state = McpServerState.Stopped;
        EndedAt ??= DateTimeOffset.Now;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private McpClient Client => _client ?? throw new InvalidOperationException($"MCP server '{Name}' is not initialised.");

    /// <summary>
    /// Runs one request so that it ends the moment the container does, and turns every failure into an
    /// exception that names this server, says what it was doing and, when it died, how and with what last words.
    /// An error the server answered with is a failure of what was asked (<paramref name="failure"/> says so), not a refusal.
    /// </summary>
    private async Task<T> RunAsync<T>(
        string operation, Func<CancellationToken, Task<T>> request, TimeSpan? timeout, CancellationToken ct, bool requireRunning = true,
        string? failure = null)
    {
        if (requireRunning) ThrowIfNotRunning(operation);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _ended.Token);
        if (timeout is { } limit) linked.CancelAfter(limit);
        try
        {
            return await request(linked.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;   // The SDK told the server to drop the request (notifications/cancelled) when the token fired.
        }
        catch (McpProtocolException ex) when (AnswerErrors.TooLarge(Name, operation, ex) is { } tooLarge)
        {
            throw tooLarge;
        }
        catch (McpProtocolException ex)
        {
            throw new McpServerProtocolException(Name, $"{failure ?? $"MCP server '{Name}' failed at {operation}"}: {ex.Message}", (int)ex.ErrorCode, ex);
        }
        catch (JsonException ex)
        {
            throw AnswerErrors.Malformed(Name, operation, ex);
        }
        catch (Exception ex)
        {
            if (await EndedWithinAsync(ExitInspectionLimit)) throw EndedError(operation, ex);
            if (ex is OperationCanceledException or TimeoutException && timeout is not null)
            {
                throw new McpServerTimeoutException(Name,
                    $"MCP server '{Name}' did not finish {operation} within {timeout.Value.TotalSeconds:0.###} s. " +
                    "The request was cancelled; the server is still running.", timeout.Value, ex);
            }
            throw;
        }
    }

    private async Task<bool> EndedWithinAsync(TimeSpan limit)
    {
        if (_state is McpServerState.Stopping or McpServerState.Stopped) return true;
        if (!_container.OutputEnded.IsCompleted) return false;
        // Give the exit record a moment, so the error can say how the container ended; not having it is no failure.
        await Task.WhenAny(_endRecorded.Task, Task.Delay(limit));
        return true;
    }

    private void ThrowIfNotRunning(string operation)
    {
        if (_state is McpServerState.Exited or McpServerState.Stopping or McpServerState.Stopped)
            throw EndedError(operation, null);
    }

    private McpServerException EndedError(string operation, Exception? inner)
    {
        if (_state is McpServerState.Stopping or McpServerState.Stopped) return ServerErrors.Stopped(Name, operation, inner);

        var exit = _container.Exit;
        var stderr = _container.Stderr.Tail(ServerErrors.StderrLinesQuoted);
        var what = exit is null ? "stopped answering (its container's output ended)" : $"container {exit.Describe()}";
        var message = $"MCP server '{Name}' {what} while {operation}." + ServerErrors.QuoteStderr(stderr);
        return new McpServerExitedException(Name, message, exit, stderr, inner);
    }

    /// <summary>Waits for the container's output to end, records how it ended, then fails every pending call.</summary>
    private async Task RecordEndAsync()
    {
        await _container.OutputEnded;
        try
        {
            using var limit = new CancellationTokenSource(ExitInspectionLimit);
            await _container.WaitForExitAsync(limit.Token);
            await _container.RefreshExitAsync(limit.Token);
        }
        catch (Exception)
        {
            // The daemon could not tell in time; the error message then says only that output ended.
        }
        EndedAt ??= DateTimeOffset.Now;
        bool unexpected = _state is not (McpServerState.Stopping or McpServerState.Stopped);
        if (unexpected) _state = McpServerState.Exited;
        _endRecorded.TrySetResult();
        _ended.Cancel();
        // What the dead container could tell is recorded; removing it now leaves nothing behind.
        if (!unexpected) return;
        try
        {
            await _container.StopAsync(TimeSpan.Zero);
            if (EgressProxy is not null) await EgressProxy.StopAsync();
        }
        catch (Exception) { /* A later Stop, or process exit, tries again. */ }
    }

    /// <summary>Reports on the SDK's thread, in order, before the call returns (Progress&lt;T&gt; would post them later).</summary>
    private sealed class ProgressRelay(IProgress<McpProgress> target) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => target.Report(new McpProgress(value.Progress, value.Total, value.Message));
    }
}
