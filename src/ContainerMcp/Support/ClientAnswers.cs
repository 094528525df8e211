using System.Collections;
using System.Collections.ObjectModel;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Support;

/// <summary>
/// What a person or a script gives as an answer, read as one: for an elicitation a hashtable of field values (accept),
/// or <c>@{ action = 'decline' }</c>, <c>'cancel'</c>…; for sampling the text, or <c>@{ content = …; model = …; role = … }</c>.
/// </summary>
internal static class ClientAnswers
{
    private static readonly string[] Actions = [McpElicitationAnswer.Accept, McpElicitationAnswer.Decline, McpElicitationAnswer.Cancel];

    /// <summary>The answer, or null when none was given (a handler that returned nothing). A given answer that does
    /// not fit the form declines, with a note naming what did not fit.</summary>
    public static McpElicitationAnswer? Elicitation(McpElicitationRequest request, object? given)
    {
        given = Unwrap(given);
        if (given is null) return null;
        string action = McpElicitationAnswer.Accept;
        IEnumerable<KeyValuePair<string, object?>> values = [];
        if (given is string word) action = word.Trim().ToLowerInvariant();
        else if (Pairs(given) is { } pairs)
        {
            var map = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            if (map.Remove("action", out var a)) action = (Convert.ToString(Unwrap(a)) ?? "").Trim().ToLowerInvariant();
            values = map.Remove("content", out var content) ? Pairs(Unwrap(content)) ?? [] : map;
        }
        else return Refused(request, $"an answer of type {given.GetType().Name}; give a hashtable of field values, or @{{ action = 'decline' }}");
        if (!Actions.Contains(action)) return Refused(request, $"the action '{action}'; use accept, decline or cancel");
        if (action != McpElicitationAnswer.Accept || request.IsUrl) return new McpElicitationAnswer(action);
        var (json, problems) = ElicitationForm.Convert(request.Fields, values.Select(v => KeyValuePair.Create(v.Key, Unwrap(v.Value))));
        return problems.Count == 0 ? new McpElicitationAnswer(action, json) : Refused(request, string.Join(" ", problems));
    }

    /// <summary>The model's message from what a sampling handler wrote: its last string, or a hashtable with content
    /// (or text), and optionally role, model and stopReason. Null when it wrote nothing usable.</summary>
    public static McpSamplingAnswer? Sampling(Collection<PSObject> output)
    {
        var last = output.Select(Unwrap).LastOrDefault(o => o is not null);
        if (last is string text) return new McpSamplingAnswer(text);
        if (Pairs(last) is not { } pairs) return null;
        var map = pairs.ToDictionary(p => p.Key, p => Convert.ToString(Unwrap(p.Value)), StringComparer.OrdinalIgnoreCase);
        var content = map.GetValueOrDefault("content") ?? map.GetValueOrDefault("text");
        return content is null ? null : new McpSamplingAnswer(content, map.GetValueOrDefault("role") ?? "assistant",
            map.GetValueOrDefault("model") ?? "unknown", map.GetValueOrDefault("stopReason") ?? "endTurn");
    }

    private static McpElicitationAnswer Refused(McpElicitationRequest request, string problem) => McpElicitationAnswer.Declined(
        $"MCP server '{request.ServerName}' asked for input {request.Describe()}; the answer given does not fit ({problem}), so it was declined.");

    private static IEnumerable<KeyValuePair<string, object?>>? Pairs(object? value) => value switch
    {
        IDictionary map => map.Keys.Cast<object>().Select(k => KeyValuePair.Create<string, object?>(Convert.ToString(k)!, map[k])).ToList(),
        PSObject custom => custom.Properties.Select(p => KeyValuePair.Create<string, object?>(p.Name, p.Value)).ToList(),
        _ => null,
    };

    /// <summary>A PSObject's base value (a PSCustomObject stays one); arrays item by item.</summary>
    public static object? Unwrap(object? value) => value switch
    {
        PSObject { BaseObject: PSCustomObject } custom => custom,
        PSObject wrapped => Unwrap(wrapped.BaseObject),
        object[] items => items.Select(Unwrap).ToArray(),
        _ => value,
    };
}
