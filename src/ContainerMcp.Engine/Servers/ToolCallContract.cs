using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// What every tool call goes through, whoever makes it: the arguments turned into JSON once, the server's tool
/// filter, the tool looked up among those the server offers, the arguments checked against its input schema, the
/// structured result checked against its output schema, and one audit line for the attempt, refused or not. Only a call that passes is handed on to be sent to a container.
/// </summary>
internal static class ToolCallContract
{
    /// <summary>Sends a checked call to the server: the arguments as converted, and the observation that records
    /// which container took it.</summary>
    public delegate Task<McpToolCallResult> Sender(ToolArguments arguments, ToolCallObservation call, CancellationToken ct);

    public static async Task<McpToolCallResult> CallAsync(
        ManagedServer server, AuditLog? audit, string toolName, IEnumerable<KeyValuePair<string, object?>>? arguments, Sender send, CancellationToken ct)
    {
        var json = ToolArguments.From(arguments);
        using var call = new ToolCallObservation(server, toolName, json, audit);
        try
        {
            var tool = await CheckAsync(server, toolName, json, ct);
            var result = await send(json, call, ct);
            if (!result.IsError && ToolOutputSchema.Check(tool, result.StructuredContent) is { Count: > 0 } mismatch)
                throw new McpToolOutputException(server.Name, toolName, mismatch, result);
            call.Completed(result);
            return result;
        }
        catch (Exception ex)
        {
            call.Failed(ex);
            throw;
        }
    }

    /// <summary>Refuses what the server must not get, else returns the tool. The filter comes first: a filtered tool
    /// never starts an idle server.</summary>
    private static async Task<McpToolInfo> CheckAsync(ManagedServer server, string toolName, ToolArguments arguments, CancellationToken ct)
    {
        if (!server.Tools.Allows(toolName)) throw server.Tools.NotOffered(server.Name, toolName);
        var tool = (await server.ListToolsAsync(ct: ct)).FirstOrDefault(t => t.Name == toolName)
            ?? throw server.Tools.NotOffered(server.Name, toolName);
        if (ToolInputSchema.Check(tool, arguments) is { Count: > 0 } problems)
            throw new McpToolArgumentsException(server.Name, toolName, problems);
        return tool;
    }
}
