using System.Collections.ObjectModel;
using System.Management.Automation.Host;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Support;

/// <summary>
/// Asks the person at an interactive prompt, on the pipeline thread: a URL request shows the URL and asks with
/// ShouldContinue; a form asks first whether to answer, decline or cancel, then each field (choices and booleans with
/// PromptForChoice, the others with Prompt), and asks again, up to three times, when an answer does not fit.
/// </summary>
internal static class ElicitationPrompter
{
    private const int Attempts = 3;

    public static McpElicitationAnswer Ask(PSCmdlet cmdlet, McpElicitationRequest request)
    {
        var caption = $"MCP server '{request.ServerName}' asks";
        try
        {
            if (request.IsUrl)
                return cmdlet.ShouldContinue($"{request.Message}\nOpen this URL in your browser: {request.Url}\nAnswer that you will?", caption)
                    ? new McpElicitationAnswer(McpElicitationAnswer.Accept) : new McpElicitationAnswer(McpElicitationAnswer.Decline);
            var ui = cmdlet.Host.UI;
            var choice = ui.PromptForChoice(caption, request.Message, Choices(["&Answer", "&Decline", "&Cancel"]), 0);
            if (choice != 0) return new McpElicitationAnswer(choice == 1 ? McpElicitationAnswer.Decline : McpElicitationAnswer.Cancel);
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var values = request.Fields.ToDictionary(f => f.Name, f => AskField(ui, f));
                var (content, problems) = ElicitationForm.Convert(request.Fields, values);
                if (problems.Count == 0) return new McpElicitationAnswer(McpElicitationAnswer.Accept, content);
                ui.WriteWarningLine(string.Join(" ", problems));
            }
            return McpElicitationAnswer.Declined($"MCP server '{request.ServerName}' asked for input {request.Describe()}; " +
                $"declined after {Attempts} answers that did not fit the form.");
        }
        catch (PipelineStoppedException)
        {
            return new McpElicitationAnswer(McpElicitationAnswer.Cancel);   // Ctrl+C at a prompt: the person dismissed it
        }
    }

    private static object? AskField(PSHostUserInterface ui, McpElicitationField field)
    {
        var label = (field.Title ?? field.Name) + (field.Required ? "" : " (optional)");
        if (field.Type == "boolean" && !field.Multiple)
            return ui.PromptForChoice(label, field.Description, Choices(["&Yes", "&No"]), field.Default?.ValueKind == System.Text.Json.JsonValueKind.False ? 1 : 0) == 0;
        if (field.Choices.Count > 0 && !field.Multiple)
        {
            var titles = field.Choices.Select((c, i) => (i < 9 ? $"&{i + 1} " : "") + c.Title).ToArray();
            var initial = Math.Max(0, field.Choices.ToList().FindIndex(c => c.Value == field.Default?.ToString()));
            return field.Choices[ui.PromptForChoice(label, field.Description, Choices(titles), initial)].Value;
        }
        var hint = field.Multiple ? $" (comma-separated: {string.Join(", ", field.Choices.Select(c => c.Title))})" : field.Format is null ? "" : $" ({field.Format})";
        var description = new FieldDescription(field.Name) { Label = label + hint, HelpMessage = field.Description ?? "", IsMandatory = false };
        if (Default(field) is { } d) description.DefaultValue = new PSObject(d is string[] many ? string.Join(", ", many) : d);
        var answer = ClientAnswers.Unwrap(ui.Prompt(null, null, new Collection<FieldDescription> { description }).GetValueOrDefault(field.Name)) as string;
        if (string.IsNullOrEmpty(answer)) return Default(field);
        return field.Multiple ? answer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : answer;
    }

    private static object? Default(McpElicitationField field) => field.Default is not { } d ? null
        : d.ValueKind == System.Text.Json.JsonValueKind.Array ? d.EnumerateArray().Select(e => e.ToString()).ToArray() : d.ToString();

    private static Collection<ChoiceDescription> Choices(string[] labels) => new(labels.Select(l => new ChoiceDescription(l)).ToList());
}
