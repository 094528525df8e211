using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace ContainerMcp.Bootstrap;

/// <summary>
/// Hooks the default context so that <c>ContainerMcp.Engine</c> — and only it — resolves from the private
/// <see cref="DependencyLoadContext"/>; on Remove-Module, stops every server of the shared registry.
/// </summary>
public sealed class ModuleLifetime : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssembly = "ContainerMcp.Engine";
    private static readonly Lock Gate = new();
    private static DependencyLoadContext? _context;

    public void OnImport()
    {
        lock (Gate)
        {
            if (_context is not null) return; // Once per process: parallel runspaces import the module again.
            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleLifetime).Assembly.Location)!;
            var dependencies = Path.Combine(moduleDirectory, "Dependencies");
            // A plain `dotnet build` output has everything side by side; the published module has Dependencies/.
            _context = new DependencyLoadContext(Directory.Exists(dependencies) ? dependencies : moduleDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (_context is null) return;
        StopAllServers();
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssembly ? _context?.LoadFromAssemblyName(name) : null;

    // Kept out of OnRemove so the engine is only touched (and JIT-resolved) once the hook is in place.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StopAllServers()
    {
        try
        {
            // No pipeline to pump here: the module is going away, so wait (bounded) for the containers to go too.
            Engine.Servers.McpServerRegistry.Shared.StopAllAsync().WaitAsync(TimeSpan.FromSeconds(30))
                .ConfigureAwait(false).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Process exit tries again; the containers end with their stdin anyway.
        }
    }
}
