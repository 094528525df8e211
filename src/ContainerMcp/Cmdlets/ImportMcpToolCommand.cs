namespace ContainerMcp.Cmdlets;

/// <summary>
/// Makes a server's tools PowerShell commands, as Import-PSSession does for a remote session's: a dynamic module with
/// one function per tool (and per prompt with -IncludePrompt), imported into the caller's session state. Remove-Module
/// removes the functions. Names and parameter types: <see cref="ToolCommandNames"/>, <see cref="ToolFunctionScript"/>.
/// </summary>
[Cmdlet(VerbsData.Import, "McpTool")]
[OutputType(typeof(PSModuleInfo))]
public sealed class ImportMcpToolCommand : McpCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string? ServerName { get; set; }

    [Parameter, SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ToolNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter, AllowEmptyString]
    public string? Prefix { get; set; }

    [Parameter] public SwitchParameter IncludePrompt { get; set; }

    [Parameter] public string? ModuleName { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var serverName = ServerName ?? (Registry.Find() is [var only] ? only.Name : null);
        if (serverName is null)
            Output.WriteError(McpErrors.Argument("Say which server's tools to import: use -ServerName, or pipe a server in.", "ServerNotGiven", null));
        if (serverName is null || GetServer(serverName) is not { } server) return;
        var catalog = RunForItem("ListToolsFailed", server.Name, async (_, ct) => (
            Tools: await server.ListToolsAsync(ct: ct),
            Prompts: IncludePrompt && server.Identity is not { HasPrompts: false } ? await server.ListPromptsAsync(ct) : []));
        if (catalog.Tools is null) return;

        var patterns = (Name ?? ["*"]).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        var tools = catalog.Tools.Where(t => patterns.Any(p => p.IsMatch(t.Name))).ToList();
        var prefix = Prefix ?? ToolCommandNames.Pascal(server.Name);
        var names = ToolCommandNames.Unique(tools.Select(t => ToolCommandNames.ForTool(t.Name, prefix))
            .Concat(catalog.Prompts.Select(p => ToolCommandNames.ForPrompt(p.Name, prefix))));
        var completes = server.Identity?.HasCompletions == true;
        var script = string.Concat(tools.Select((t, i) => ToolFunctionScript.Tool(names[i], t))
            .Concat(catalog.Prompts.Select((p, i) => ToolFunctionScript.Prompt(names[tools.Count + i], p, completes))));

        var moduleName = ModuleName ?? $"ContainerMcp.Tools.{server.Name}";
        try
        {
            foreach (var module in InvokeCommand.InvokeScript(ImportScript, moduleName, script, Force.IsPresent)) Output.WriteObject(module);
        }
        catch (RuntimeException ex)
        {
            Output.WriteError(new ErrorRecord(ex, "ContainerMcp.ImportToolsFailed", ErrorCategory.InvalidOperation, moduleName));
        }
    }

    // Runs in the caller's session state, so Import-Module puts the functions where the caller is, as Import-PSSession does.
    private const string ImportScript = """
        param($name, $script, $force)
        if (Get-Module -Name $name) {
            if (-not $force) { throw "A module named '$name' is already imported. Remove-Module $name first, or pass -Force to replace it." }
            Remove-Module -Name $name -Force
        }
        New-Module -Name $name -ScriptBlock ([scriptblock]::Create($script)) | Import-Module -PassThru -Force -DisableNameChecking
        """;
}
