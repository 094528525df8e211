using System.Collections;
using System.Management.Automation;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

[Cmdlet(VerbsLifecycle.Start, "McpServer", SupportsShouldProcess = true)]
[OutputType(typeof(McpServer))]
public sealed class StartMcpServerCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string Image { get; set; } = "";

    [Parameter] public string[]? Command { get; set; }
    [Parameter] public string[]? Entrypoint { get; set; }
    [Parameter] public Hashtable? Environment { get; set; }
    [Parameter] public string[]? Volume { get; set; }
    [Parameter] public string? Network { get; set; }
    [Parameter, ValidateRange(0, int.MaxValue)] public int? MemoryMB { get; set; }
    [Parameter, ValidateRange(0.0, 1024.0)] public double? Cpus { get; set; }
    [Parameter] public string? User { get; set; }
    [Parameter, SupportsWildcards] public string[] IncludeTool { get; set; } = [];
    [Parameter, SupportsWildcards] public string[] ExcludeTool { get; set; } = [];
    [Parameter, ValidateRange(1, 3600)] public int? InitializeTimeoutSeconds { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess($"MCP server '{Name}' from image '{Image}'", "Start")) return;
        var spec = new ContainerLaunchSpec
        {
            Image = Image,
            Command = Command,
            Entrypoint = Entrypoint,
            Environment = Environment?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "")
                          ?? new Dictionary<string, string>(),
            Volumes = Volume ?? [],
            User = User,
        };
        spec = spec with { Network = Network ?? spec.Network, MemoryMB = MemoryMB ?? spec.MemoryMB, Cpus = Cpus ?? spec.Cpus };
        McpServerDefinition definition;
        try { definition = new McpServerDefinition(Name, spec); }
        catch (ArgumentException ex) { WriteError(McpErrors.From(ex, "InvalidServerName", Name)); return; }
        if (InitializeTimeoutSeconds is { } seconds) definition = definition with { InitializeTimeout = TimeSpan.FromSeconds(seconds) };

        var activity = $"Starting MCP server '{Name}'";
        var progress = new Relay<string>(status => Post(() => WriteProgressMessage(1, activity, status)));
        RunForItem("StartFailed", Name, async ct =>
        {
            var server = await Registry.StartAsync(definition, progress, ct);
            await ToolFilters.SetAsync(server, new ToolFilter(IncludeTool, ExcludeTool), ct);
            Post(() => WriteProgressMessage(1, activity, "Started", 100, completed: true));
            Post(() => WriteObject(new McpServer(server)));
        });
    }
}
