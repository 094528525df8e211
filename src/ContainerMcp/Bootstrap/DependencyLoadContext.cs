using System.Reflection;
using System.Runtime.Loader;

namespace ContainerMcp.Bootstrap;

/// <summary>
/// The private load context of the engine and all its dependencies (the SDK, Microsoft.Extensions.*), so they
/// never clash with the versions PowerShell or another module loaded. Only assemblies found in
/// <c>Dependencies/</c> load here; everything else (the framework, PowerShell) comes from the default context.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    public DependencyLoadContext(string directory) : base("ContainerMcp.Dependencies", isCollectible: false)
    {
        _directory = directory;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
