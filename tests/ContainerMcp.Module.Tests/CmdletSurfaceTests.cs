using ContainerMcp.Module.Tests.Fixtures;

namespace ContainerMcp.Module.Tests;

/// <summary>The cmdlets a user sees: their names, verbs, output types and -WhatIf support.</summary>
[Collection(ModuleCollection.Name)]
public sealed class CmdletSurfaceTests(ModuleAssembly module)
{
    public static readonly string[] ExpectedCmdlets =
    [
        "Build-McpServerImage", "Export-McpServerConfig", "Get-McpAuditLog", "Get-McpEngine", "Get-McpPrompt", "Get-McpResource", "Get-McpServer", "Get-McpServerHealth",
        "Get-McpServerImage", "Get-McpServerLog", "Get-McpStateVolume", "Get-McpTool", "Import-McpServerConfig", "Import-McpTool", "Invoke-McpPrompt", "Invoke-McpTool",
        "Read-McpResource", "Register-McpResourceEvent", "Remove-McpServer", "Remove-McpServerImage", "Remove-McpStateVolume", "Request-McpServerImage", "Restart-McpServer",
        "Set-McpClientHandler", "Start-McpServer", "Stop-McpServer", "Test-McpServerIsolation",
    ];

    public static TheoryData<string> Cmdlets => new(ExpectedCmdlets);

    [Fact]
    public void Assembly_defines_exactly_the_expected_cmdlets()
    {
        Assert.Equal(ExpectedCmdlets, module.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(Cmdlets))]
    public void Cmdlet_uses_an_approved_verb(string name)
    {
        var verb = module.Cmdlet(name).Verb;
        Assert.True(ApprovedVerbs.All.Contains(verb), $"{name}: '{verb}' is not an approved verb (Get-Verb); Import-Module would warn.");
    }

    [Theory, MemberData(nameof(Cmdlets))]
    public void Cmdlet_class_is_named_verb_noun_Command(string name)
    {
        var cmdlet = module.Cmdlet(name);
        Assert.Equal($"{cmdlet.Verb}{cmdlet.Noun}Command", cmdlet.Class.Name);
        Assert.StartsWith("ContainerMcp", cmdlet.Class.Namespace);
    }

    [Theory]
    [InlineData("Start-McpServer", "McpServer")]
    [InlineData("Get-McpServer", "McpServer")]
    [InlineData("Get-McpServer", "McpOrphanedContainer")]
    [InlineData("Remove-McpServer", "McpOrphanedContainer")]
    [InlineData("Stop-McpServer", "McpServer")]
    [InlineData("Restart-McpServer", "McpServer")]
    [InlineData("Get-McpTool", "McpTool")]
    [InlineData("Invoke-McpTool", "McpToolResult")]
    [InlineData("Invoke-McpTool", "McpToolJob")]
    [InlineData("Get-McpServerHealth", "McpServerHealth")]
    [InlineData("Get-McpServerLog", "McpLogEntry")]
    [InlineData("Get-McpAuditLog", "McpAuditEntry")]
    [InlineData("Get-McpResource", "McpResource")]
    [InlineData("Read-McpResource", "McpResourceContent")]
    [InlineData("Get-McpPrompt", "McpPrompt")]
    [InlineData("Invoke-McpPrompt", "McpPromptMessage")]
    [InlineData("Import-McpServerConfig", "McpServerConfiguration")]
    [InlineData("Build-McpServerImage", "McpServerImage")]
    [InlineData("Get-McpServerImage", "McpServerImage")]
    [InlineData("Remove-McpServerImage", "McpServerImage")]
    [InlineData("Request-McpServerImage", "McpServerImage")]
    [InlineData("Test-McpServerIsolation", "McpServerIsolation")]
    [InlineData("Get-McpStateVolume", "McpStateVolume")]
    [InlineData("Remove-McpStateVolume", "McpStateVolume")]
    [InlineData("Get-McpEngine", "McpEngine")]
    public void Cmdlet_declares_its_output_type_from_the_ContainerMcp_namespace(string name, string outputType)
    {
        var cmdlet = module.Cmdlet(name);
        Assert.NotEmpty(cmdlet.OutputTypeNames);
        Assert.Contains($"ContainerMcp.{outputType}", cmdlet.OutputTypeNames);
        Assert.All(cmdlet.OutputTypeNames, t => Assert.Equal("ContainerMcp." + t.Split('.')[^1], t));
        Assert.All(cmdlet.OutputTypeNames, t => Assert.NotNull(module.PublicType(t)));
    }

    [Theory]
    [InlineData("Start-McpServer")]
    [InlineData("Stop-McpServer")]
    [InlineData("Restart-McpServer")]
    [InlineData("Remove-McpServer")]
    [InlineData("Export-McpServerConfig")]
    [InlineData("Build-McpServerImage")]
    [InlineData("Remove-McpServerImage")]
    [InlineData("Request-McpServerImage")]
    [InlineData("Remove-McpStateVolume")]
    [InlineData("Invoke-McpTool")]   // asks by the tool's annotations (destructiveHint: ConfirmImpact High)
    public void State_changing_cmdlet_supports_WhatIf_and_Confirm(string name)
    {
        Assert.True(module.Cmdlet(name).SupportsShouldProcess, $"{name} must declare SupportsShouldProcess = true.");
    }

    [Theory, MemberData(nameof(Cmdlets))]
    public void Cmdlet_parameters_take_no_engine_or_sdk_types(string name)
    {
        Assert.All(module.Cmdlet(name).Parameters, p =>
            Assert.False(Leaks(p.Type), $"{name} -{p.Name} is of type {p.Type.FullName}; parameters take ContainerMcp or BCL types."));
    }

    public static TheoryData<string> OutputTypes => new(
        "McpServer", "McpTool", "McpToolResult", "McpServerHealth", "McpLogEntry",
        "McpResource", "McpResourceContent", "McpPrompt", "McpPromptMessage", "McpServerConfiguration", "McpOrphanedContainer", "McpServerImage", "McpAuditEntry",
        "McpStateVolume", "McpToolJob", "McpEngine", "McpResourceWatch");

    [Theory, MemberData(nameof(OutputTypes))]
    public void Output_type_is_public_and_exposes_no_engine_or_sdk_types(string name)
    {
        var type = module.PublicType($"ContainerMcp.{name}");
        Assert.True(type is not null, $"ContainerMcp.{name} is not a public type of the module.");
        Assert.All(type!.GetProperties(), p =>
            Assert.False(Leaks(p.PropertyType), $"{name}.{p.Name} is of type {p.PropertyType}; the pipeline carries our types only."));
    }

    /// <summary>True when the type, its element type or a generic argument belongs to the engine or the MCP SDK.</summary>
    internal static bool Leaks(Type type)
    {
        if (type.HasElementType) return Leaks(type.GetElementType()!);
        if (type.IsGenericType && type.GetGenericArguments().Any(Leaks)) return true;
        var ns = type.Namespace ?? "";
        return ns.StartsWith("ContainerMcp.Engine", StringComparison.Ordinal) || ns.StartsWith("ModelContextProtocol", StringComparison.Ordinal);
    }
}
