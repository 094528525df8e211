using System.Reflection;
using ContainerMcp.Module.Tests.Fixtures;

namespace ContainerMcp.Module.Tests;

/// <summary>What the cmdlets are built on: how they write, and the names they share with the engine.</summary>
[Collection(ModuleCollection.Name)]
public sealed class CmdletBaseTests(ModuleAssembly module)
{
    [Theory]
    [InlineData("WriteObject", 1)]
    [InlineData("WriteObject", 2)]
    [InlineData("WriteError", 1)]
    [InlineData("WriteWarning", 1)]
    [InlineData("WriteVerbose", 1)]
    [InlineData("WriteProgress", 1)]
    public void McpCmdlet_hides_the_cmdlet_writes_so_a_call_does_not_compile(string name, int parameters)
    {
        var hidden = module.Assembly.GetType("ContainerMcp.Support.McpCmdlet", throwOnError: true)!
            .GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .SingleOrDefault(m => m.Name == name && m.GetParameters().Length == parameters);

        Assert.NotNull(hidden);
        var obsolete = CmdletMetadata.Attribute(hidden, "System.ObsoleteAttribute");
        Assert.NotNull(obsolete);
        Assert.Equal(true, obsolete.ConstructorArguments[1].Value); // error: true
    }

    [Fact]
    public void Every_cmdlet_that_runs_engine_work_derives_from_McpCmdlet()
    {
        var direct = module.Cmdlets.Where(c => !DerivesFrom(c.Class, "ContainerMcp.Support.McpCmdlet")).Select(c => c.Name);

        Assert.Equal(["Import-McpServerConfig"], direct); // reads files on the pipeline thread, no async work
    }

    [Fact]
    public void No_type_name_is_in_both_the_module_and_the_engine()
    {
        var engine = module.Engine.GetTypes().Where(t => !t.IsNested && !t.Name.StartsWith('<')).Select(t => t.Name).ToHashSet();

        var shared = module.Assembly.GetTypes().Where(t => !t.IsNested && !t.Name.StartsWith('<')).Select(t => t.Name).Where(engine.Contains).Distinct();

        Assert.Empty(shared);
    }

    private static bool DerivesFrom(Type type, string fullName)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.FullName == fullName) return true;
        return false;
    }
}
