using System.Text;
using System.Text.Json;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Support;

/// <summary>
/// The script of the module Import-McpTool makes: one function per tool (and per prompt, when asked), each with
/// comment-based help from the descriptions, parameters typed from the schema, and a body that calls Invoke-McpTool
/// (or Invoke-McpPrompt). Schema types become: string → [string] (enum → ValidateSet), number → [double],
/// integer → [long], boolean → [switch] when optional and [bool] when required, array → a typed array by its items,
/// object → [hashtable], anything else → [object]. Required → Mandatory; the arguments are positional in schema order. Only the parameters given are sent, so the
/// server's defaults apply to the rest. The function asks first by the tool's annotations (ConfirmImpact High for
/// destructive, None for read-only, Medium otherwise) and then calls Invoke-McpTool with -Confirm:$false.
/// </summary>
internal static class ToolFunctionScript
{
    public static string Tool(string functionName, McpToolInfo tool)
    {
        var properties = tool.InputSchema.ValueKind == JsonValueKind.Object && tool.InputSchema.TryGetProperty("properties", out var p)
            && p.ValueKind == JsonValueKind.Object ? p.EnumerateObject().ToList() : [];
        var required = tool.InputSchema.ValueKind == JsonValueKind.Object && tool.InputSchema.TryGetProperty("required", out var r)
            && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
        var names = ToolCommandNames.Parameters(properties.Select(x => x.Name));
        var impact = ToolConfirmation.ImpactOf(tool.Hints);

        var help = new StringBuilder();
        Section(help, "SYNOPSIS", FirstSentence(tool.Description ?? tool.Title ?? tool.Name));
        Section(help, "DESCRIPTION", $"{tool.Description}\n\nCalls tool '{tool.Name}' of MCP server '{tool.ServerName}' through Invoke-McpTool " +
            $"(hints: {HintText(tool.Hints)}; ConfirmImpact {impact}). Errors, progress and the result are Invoke-McpTool's.");
        var parameters = new List<string>();
        for (int i = 0; i < properties.Count; i++)
        {
            var (property, isRequired) = (properties[i].Value, required.Contains(properties[i].Name));
            Section(help, $"PARAMETER {names[i]}", Describe(property, properties[i].Name));
            parameters.Add(Parameter(names[i], property, isRequired, i));
        }
        Section(help, "PARAMETER AsJob", "Runs the call as a job (Invoke-McpTool -AsJob): Receive-Job gives the result, Stop-Job cancels it on the server.");
        Section(help, "PARAMETER TimeoutSeconds", "How long the call may take (Invoke-McpTool -TimeoutSeconds).");
        Section(help, "OUTPUTS", "ContainerMcp.McpToolResult, or ContainerMcp.McpToolJob with -AsJob.");
        parameters.Add("    [switch] $AsJob");
        parameters.Add("    [ValidateRange(1, 86400)] [int] $TimeoutSeconds");

        var call = $"ContainerMcp\\Invoke-McpTool -ServerName {Quote(tool.ServerName)} -Name {Quote(tool.Name)} -Arguments $arguments " +
                   "-AsJob:$AsJob @timeout -Confirm:$false -WhatIf:$false";
        var body = impact == ConfirmImpact.None ? $"    {call}"
            : $"    if ($PSCmdlet.ShouldProcess({Quote($"tool '{tool.Name}' of MCP server '{tool.ServerName}'")}, {Quote(impact == ConfirmImpact.High ? "Call destructive tool" : "Call tool")})) {{\n        {call}\n    }}";
        return Function(functionName, help, impact == ConfirmImpact.None ? "" : $", SupportsShouldProcess = $true, ConfirmImpact = '{impact}'",
            "[OutputType([ContainerMcp.McpToolResult])]", parameters, properties.Select(x => x.Name).ToList(), names,
            "    $timeout = @{}\n    if ($PSBoundParameters.ContainsKey('TimeoutSeconds')) { $timeout.TimeoutSeconds = $TimeoutSeconds }\n" + body);
    }

    public static string Prompt(string functionName, McpPromptInfo prompt, bool completes)
    {
        var names = ToolCommandNames.Parameters(prompt.Arguments.Select(a => a.Name));
        var map = "@{ " + string.Join("; ", prompt.Arguments.Select((a, i) => $"{Quote(names[i])} = {Quote(a.Name)}")) + " }";
        var help = new StringBuilder();
        Section(help, "SYNOPSIS", FirstSentence(prompt.Description ?? prompt.Title ?? prompt.Name));
        Section(help, "DESCRIPTION", $"{prompt.Description}\n\nRenders prompt '{prompt.Name}' of MCP server '{prompt.ServerName}' through Invoke-McpPrompt." +
            (completes ? " Argument values tab-complete from the server (completion/complete)." : ""));
        var parameters = new List<string>();
        for (int i = 0; i < prompt.Arguments.Count; i++)
        {
            var argument = prompt.Arguments[i];
            Section(help, $"PARAMETER {names[i]}", argument.Description ?? argument.Name);
            var completer = completes
                ? $"    [ArgumentCompleter({{ param($c, $p, $word, $ast, $bound) [ContainerMcp.Completers.PromptArgumentCompleter]::Complete({Quote(prompt.ServerName)}, {Quote(prompt.Name)}, {Quote(argument.Name)}, $word, $bound, {map}) }})]\n"
                : "";
            parameters.Add($"    [Parameter(Mandatory = ${argument.Required.ToString().ToLowerInvariant()}, Position = {i})]\n{completer}    [string] ${names[i]}");
        }
        Section(help, "OUTPUTS", "ContainerMcp.McpPromptMessage");
        return Function(functionName, help, "", "[OutputType([ContainerMcp.McpPromptMessage])]", parameters, prompt.Arguments.Select(a => a.Name).ToList(), names,
            $"    ContainerMcp\\Invoke-McpPrompt -ServerName {Quote(prompt.ServerName)} -Name {Quote(prompt.Name)} -Arguments $arguments");
    }

    private static string Function(string name, StringBuilder help, string binding, string outputType, List<string> parameters,
        List<string> argumentNames, List<string> parameterNames, string body) =>
        $$"""
        function {{name}} {
        <#
        {{help}}#>
            [CmdletBinding(PositionalBinding = $false{{binding}})]
            {{outputType}}
            param(
        {{string.Join(",\n", parameters)}}
            )
            $names = @{ {{string.Join("; ", argumentNames.Select((a, i) => $"{Quote(parameterNames[i])} = {Quote(a)}"))}} }
            $arguments = @{}
            foreach ($key in $PSBoundParameters.Keys) { if ($names.ContainsKey($key)) { $arguments[$names[$key]] = $PSBoundParameters[$key] } }
        {{body}}
        }

        """;

    private static string Parameter(string name, JsonElement property, bool required, int position)
    {
        var type = TypeOf(property);
        var attributes = new StringBuilder($"    [Parameter(Mandatory = ${required.ToString().ToLowerInvariant()}, Position = {position})]\n");
        if (Enum(property) is { Count: > 0 } values) attributes.Append($"    [ValidateSet({string.Join(", ", values.Select(Quote))})]\n");
        var typeName = type switch
        {
            "string" => "[string]",
            "number" => "[double]",
            "integer" => "[long]",
            "boolean" => required ? "[bool]" : "[switch]",
            "object" => "[hashtable]",
            "array" => (property.TryGetProperty("items", out var items) ? TypeOf(items) : null) switch
            {
                "string" => "[string[]]", "number" => "[double[]]", "integer" => "[long[]]", "boolean" => "[bool[]]", "object" => "[hashtable[]]", _ => "[object[]]",
            },
            _ => "[object]",
        };
        return $"{attributes}    {typeName} ${name}";
    }

    /// <summary>The schema type (the first that is not null when it lists several).</summary>
    private static string? TypeOf(JsonElement schema) =>
        schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type) ? null
        : type.ValueKind == JsonValueKind.String ? type.GetString()
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
        : null;

    private static List<string>? Enum(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Where(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
            : null;

    private static string Describe(JsonElement property, string argumentName)
    {
        var text = property.ValueKind == JsonValueKind.Object && property.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
        if (property.ValueKind == JsonValueKind.Object && property.TryGetProperty("default", out var value)) text += $" Default: {value.GetRawText()}.";
        return $"{text.Trim()} (argument '{argumentName}')".Trim();
    }

    private static string HintText(McpToolHints hints)
    {
        var set = new[] { hints.ReadOnly == true ? "read-only" : null, hints.Destructive == true ? "destructive" : null,
            hints.Idempotent == true ? "idempotent" : null, hints.OpenWorld == true ? "open world" : null }.OfType<string>().ToList();
        return set.Count == 0 ? "none" : string.Join(", ", set);
    }

    private static string FirstSentence(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
        var stop = line.IndexOf(". ", StringComparison.Ordinal);
        return stop > 0 ? line[..(stop + 1)] : line;
    }

    /// <summary>One help keyword and its text; the text may not end the comment or start a line with a keyword.</summary>
    private static void Section(StringBuilder help, string keyword, string text)
    {
        help.Append('.').Append(keyword).Append('\n');
        foreach (var line in text.Replace("#>", "# >").Split('\n'))
            help.Append(line.TrimStart().StartsWith('.') ? "\u200B" + line.TrimStart() : line).Append('\n');   // invisible, and no keyword
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''").Replace("\u2018", "\u2018\u2018").Replace("\u2019", "\u2019\u2019") + "'";
}
