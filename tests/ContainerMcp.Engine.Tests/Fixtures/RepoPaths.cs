namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>Files of this checkout, found by walking up from the test binaries to the solution file.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Example(string fileName) => Path.Combine(Root, "examples", fileName);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ContainerMcp.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No ContainerMcp.slnx above {AppContext.BaseDirectory}.");
    }
}
