using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Engines;

namespace ContainerMcp.Cmdlets;

/// <summary>
/// Lists the container engines this machine describes and that answer: the docker CLI's default (DOCKER_HOST or the
/// usual socket), each Docker context, Podman (CONTAINER_HOST or its sockets), with kind, version and which is the
/// default. -All also lists those that do not answer, each with why.
/// </summary>
[Cmdlet(VerbsCommon.Get, "McpEngine")]
[OutputType(typeof(McpEngine))]
public sealed class GetMcpEngineCommand : McpCmdlet
{
    [Parameter(Position = 0), SupportsWildcards, ArgumentCompleter(typeof(Completers.EngineNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Also lists the engines that cannot be reached or used, with Problem saying why.</summary>
    [Parameter] public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var engines = RunOrStop("EngineListFailed", (_, ct) => new EngineSurvey(Registry.Engines).DescribeAsync(ct));
        foreach (var engine in engines)
        {
            if (Name.Length > 0 && !Name.Any(n => NamePattern.IsMatch(n, engine.Name))) continue;
            if (engine.Reachable || All) Output.WriteObject(new McpEngine(engine));
        }
        if (!All && engines.FirstOrDefault(e => e.IsDefault) is { Reachable: false } fallen)
            Output.WriteWarning($"The default engine '{fallen.Name}' ({fallen.Endpoint}) cannot be reached: {fallen.Problem}. " +
                                "Servers and images that name no engine go there; Get-McpEngine -All lists every engine.");
        // A plain name that lists nothing says why: no such engine, or it does not answer.
        foreach (var name in Name.Where(n => !NamePattern.HasWildcards(n)))
        {
            var named = engines.Where(e => NamePattern.IsMatch(name, e.Name)).ToList();
            if (named.Count == 0)
                Output.WriteError(McpErrors.From(new UnknownEngineException(name,
                    $"No engine is named '{name}'. Known engines: {string.Join(", ", engines.Select(e => e.Name))}."), "EngineNotFound", name));
            else if (!All && named.All(e => !e.Reachable))
                Output.WriteError(McpErrors.Create($"The engine '{name}' ({named[0].Endpoint}) cannot be reached: {named[0].Problem}.",
                    "EngineUnreachable", ErrorCategory.ConnectionError, name));
        }
    }
}
