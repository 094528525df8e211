using System.Reflection;
using System.Runtime.InteropServices;

namespace ContainerMcp.Module.Tests.Fixtures;

/// <summary>
/// ContainerMcp.dll loaded for inspection only (MetadataLoadContext): no PowerShell runtime runs in the test
/// process. System.Management.Automation is the reference assembly beside the tests.
/// </summary>
public sealed class ModuleAssembly : IDisposable
{
    private readonly MetadataLoadContext _context;

    public ModuleAssembly()
    {
        var modulePath = ModuleFiles.AssemblyPath;
        _context = new MetadataLoadContext(new PathAssemblyResolver(ResolverPaths(modulePath)), "System.Private.CoreLib");
        Assembly = _context.LoadFromAssemblyPath(modulePath);
        Cmdlets = Assembly.GetExportedTypes()
            .Select(CmdletMetadata.TryRead)
            .OfType<CmdletMetadata>()
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    public Assembly Assembly { get; }

    /// <summary>ContainerMcp.Engine, as the module resolves it.</summary>
    public Assembly Engine => _context.LoadFromAssemblyName("ContainerMcp.Engine");

    public IReadOnlyList<CmdletMetadata> Cmdlets { get; }

    public CmdletMetadata Cmdlet(string name) =>
        Cmdlets.SingleOrDefault(c => c.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"{ModuleFiles.AssemblyPath} defines no cmdlet {name}. It defines: {string.Join(", ", Cmdlets.Select(c => c.Name))}.");

    /// <summary>The public type of this full name in the module assembly, or null.</summary>
    public Type? PublicType(string fullName) => Assembly.GetType(fullName) is { IsPublic: true } t ? t : null;

    public void Dispose() => _context.Dispose();

    /// <summary>
    /// One file per simple assembly name: the test runtime's own (so core types agree), then the module's
    /// directory and its Dependencies/ (the published layout), then the tests' directory
    /// (System.Management.Automation from PowerShellStandard.Library, which the module compiles against).
    /// </summary>
    private static IEnumerable<string> ResolverPaths(string modulePath)
    {
        var moduleDir = Path.GetDirectoryName(modulePath)!;
        string[] directories = [RuntimeEnvironment.GetRuntimeDirectory(), moduleDir, Path.Combine(moduleDir, "Dependencies"), AppContext.BaseDirectory];
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [Path.GetFileNameWithoutExtension(modulePath)] = modulePath,
        };
        foreach (var dll in directories.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d, "*.dll")))
            byName.TryAdd(Path.GetFileNameWithoutExtension(dll), dll);
        return byName.Values;
    }
}

[CollectionDefinition(Name)]
public sealed class ModuleCollection : ICollectionFixture<ModuleAssembly>
{
    public const string Name = "module";
}
