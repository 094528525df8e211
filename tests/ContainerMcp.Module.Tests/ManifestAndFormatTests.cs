using System.Text.RegularExpressions;
using System.Xml.Linq;
using ContainerMcp.Module.Tests.Fixtures;

namespace ContainerMcp.Module.Tests;

/// <summary>The manifest exports what the assembly defines, and the format file formats types that exist.</summary>
[Collection(ModuleCollection.Name)]
public sealed partial class ManifestAndFormatTests(ModuleAssembly module)
{
    [Fact]
    public void Manifest_exports_exactly_the_cmdlets_the_assembly_defines()
    {
        var exported = ManifestList("CmdletsToExport");
        Assert.DoesNotContain(exported, e => e.Contains('*'));
        Assert.Equal(module.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Manifest_loads_the_format_file()
    {
        Assert.Contains(ModuleFiles.FormatFileName, ManifestList("FormatsToProcess").Select(Path.GetFileName));
    }

    [Fact]
    public void Every_type_the_format_file_names_exists_in_the_assembly()
    {
        var missing = FormatTypeNames().Where(t => module.PublicType(t) is null).ToList();
        Assert.True(missing.Count == 0, $"{ModuleFiles.FormatFileName} formats types the assembly does not define: {string.Join(", ", missing)}.");
    }

    [Fact]
    public void Every_output_type_has_a_view_in_the_format_file()
    {
        var formatted = FormatTypeNames().ToHashSet();
        // Plain text (Export-McpServerConfig's YAML without -Path) and PowerShell's own types (Import-McpTool's
        // PSModuleInfo, Register-McpResourceEvent's event job) have PowerShell's views.
        var outputs = module.Cmdlets.SelectMany(c => c.OutputTypeNames)
            .Where(t => t != "System.String" && !t.StartsWith("System.Management.Automation.", StringComparison.Ordinal)).Distinct().Order();
        Assert.All(outputs, t => Assert.True(formatted.Contains(t), $"{t} is written to the pipeline but has no view in {ModuleFiles.FormatFileName}."));
    }

    private static IEnumerable<string> FormatTypeNames() =>
        XDocument.Load(ModuleFiles.FormatFilePath).Descendants("TypeName").Select(e => e.Value.Trim()).Distinct();

    /// <summary>The strings of one manifest key: <c>Key = @('a', 'b')</c>, <c>Key = 'a', 'b'</c> or <c>Key = 'a'</c>.</summary>
    private static List<string> ManifestList(string key)
    {
        var text = CommentLine().Replace(File.ReadAllText(ModuleFiles.ManifestPath), "");
        var match = Regex.Match(text, $@"(?im)^\s*{key}\s*=\s*(@\((?<list>[^)]*)\)|(?<list>'[^']*'(\s*,\s*'[^']*')*|""[^""]*""(\s*,\s*""[^""]*"")*))");
        Assert.True(match.Success, $"{ModuleFiles.ManifestPath} has no {key}.");
        return QuotedString().Matches(match.Groups["list"].Value).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
    }

    [GeneratedRegex(@"<#[\s\S]*?#>|(?m)#.*$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"'([^']*)'|""([^""]*)""")]
    private static partial Regex QuotedString();
}
