using System.Text.Json;
using ContainerMcp.Engine.Mcp;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ContainerMcp.Engine.Servers;

// Sampling, roots and logging are deprecated by the 2026-07-28 revision (SEP-2577), but the servers people run today
// (server-everything 2.0.0 among them) speak the 2025 revisions and use them; until they move on, we answer them.
#pragma warning disable MCP9005

/// <summary>
/// The client side of the session: the capabilities we declare (elicitation in form and URL mode, sampling, roots), the
/// handlers of what the server asks and tells, mapped to <see cref="ServerClientSide"/>, and the requests that set the
/// server's log level and subscribe to its resources.
/// </summary>
internal sealed partial class ContainerSession
{
    // The spec's example error for a refused sampling request: "User rejected sampling request", code -1.
    private const McpErrorCode Rejected = (McpErrorCode)(-1);

    private string? _logLevel;

    private static ClientCapabilities ClientCapabilities => new()
    {
        Elicitation = new ElicitationCapability { Form = new FormElicitationCapability(), Url = new UrlElicitationCapability() },
        Sampling = new SamplingCapability(),
        Roots = new RootsCapability(),
    };

    private McpClientHandlers ClientHandlers(ServerClientSide side) => new()
    {
        ElicitationHandler = async (request, ct) => ToResult(await side.ElicitAsync(ToElicitation(request), ct)),
        SamplingHandler = async (request, _, ct) =>
        {
            try { return ToResult(await side.SampleAsync(ToSampling(request), ct)); }
            catch (McpClientRequestDeclinedException ex) { throw new McpProtocolException(ex.Message, Rejected); }
        },
        RootsHandler = (_, _) => ValueTask.FromResult(new ListRootsResult
        {
            Roots = side.Roots.Select(r => new Root { Uri = r.Uri, Name = r.Name }).ToList(),
        }),
    };

    /// <summary>What the server tells (log messages, list changes, resource updates), seen in the order it was sent and
    /// before its later messages (<see cref="InOrderNotifications"/>): a log message sent during a call reaches that call.</summary>
    private static void OnNotification(ServerClientSide side, JsonRpcNotification notification)
    {
        switch (notification.Method)
        {
            case NotificationMethods.LoggingMessageNotification when Read<LoggingMessageNotificationParams>(notification) is { } log:
                side.OnLogMessage(log.Level.ToString().ToLowerInvariant(), log.Logger,
                    log.Data.ValueKind == JsonValueKind.String ? log.Data.GetString()! : log.Data.GetRawText());
                break;
            case NotificationMethods.ToolListChangedNotification: side.OnListChanged(McpListKind.Tools); break;
            case NotificationMethods.PromptListChangedNotification: side.OnListChanged(McpListKind.Prompts); break;
            case NotificationMethods.ResourceListChangedNotification: side.OnListChanged(McpListKind.Resources); break;
            case NotificationMethods.ResourceUpdatedNotification when Read<ResourceUpdatedNotificationParams>(notification) is { } updated:
                side.OnResourceUpdated(updated.Uri);
                break;
        }
    }

    /// <summary>Sets the level of the log messages the server sends, when it declares logging and the level is not already set.</summary>
    public async Task SetLogLevelAsync(string level, CancellationToken ct)
    {
        if (_logLevel == level || Client.ServerCapabilities?.Logging is null) return;
        var sdkLevel = Enum.Parse<LoggingLevel>(level, ignoreCase: true);
        await RunAsync("setting its log level", async token => { await Client.SetLoggingLevelAsync(sdkLevel, cancellationToken: token); return true; }, null, ct);
        _logLevel = level;
    }

    /// <summary>True when the server declares resource subscriptions.</summary>
    public bool CanSubscribe => Client.ServerCapabilities?.Resources?.Subscribe == true;

    public Task SubscribeAsync(string uri, CancellationToken ct) =>
        RunAsync($"subscribing to resource '{uri}'", async token => { await Client.SubscribeToResourceAsync(uri, cancellationToken: token); return true; }, null, ct);

    public Task UnsubscribeAsync(string uri, CancellationToken ct) =>
        RunAsync($"unsubscribing from resource '{uri}'", async token => { await Client.UnsubscribeFromResourceAsync(uri, cancellationToken: token); return true; }, null, ct);

    private McpElicitationRequest ToElicitation(ElicitRequestParams? request)
    {
        var schema = request?.RequestedSchema is { } s ? JsonSerializer.SerializeToElement(s, McpJsonUtilities.DefaultOptions) : (JsonElement?)null;
        return new McpElicitationRequest(Name, request?.Mode ?? "form", request?.Message ?? "", ElicitationForm.Parse(schema), request?.Url, request?.ElicitationId);
    }

    private static ElicitResult ToResult(McpElicitationAnswer answer) =>
        new() { Action = answer.Action, Content = answer.Action == McpElicitationAnswer.Accept ? answer.Content?.ToDictionary() : null };

    private McpSamplingRequest ToSampling(CreateMessageRequestParams? request) => new(Name,
        (request?.Messages ?? []).Select(m => new McpSamplingMessage(m.Role == Role.User ? "user" : "assistant",
            string.Join("\n", m.Content.OfType<TextContentBlock>().Select(t => t.Text)))).ToList(),
        request?.SystemPrompt, request?.MaxTokens ?? 0, request?.Temperature,
        request?.ModelPreferences?.Hints?.Select(h => h.Name).OfType<string>().ToList() ?? []);

    private static CreateMessageResult ToResult(McpSamplingAnswer answer) => new()
    {
        Content = [new TextContentBlock { Text = answer.Text }],
        Model = answer.Model,
        Role = answer.Role == "user" ? Role.User : Role.Assistant,
        StopReason = answer.StopReason,
    };

    private static T? Read<T>(JsonRpcNotification notification) where T : class =>
        notification.Params?.Deserialize<T>(McpJsonUtilities.DefaultOptions);
}
