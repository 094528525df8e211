namespace ContainerMcp.Module.Tests.Fixtures;

/// <summary>
/// Where the module's files are: the built ContainerMcp.dll (beside the tests, from the project reference, or
/// in the published out/ContainerMcp) and the manifest and format file in the source tree.
/// </summary>
public static class ModuleFiles
{
    public const string AssemblyFileName = "ContainerMcp.dll";
    public const string ManifestFileName = "ContainerMcp.psd1";
    public const string FormatFileName = "ContainerMcp.format.ps1xml";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The module assembly this test run was built against; the published copy only when none is beside the tests.</summary>
    public static string AssemblyPath => FirstExisting(AssemblyFileName,
        AppContext.BaseDirectory,
        Path.Combine(RepositoryRoot, "out", "ContainerMcp"));

    public static string ManifestPath => FirstExisting(ManifestFileName, ModuleSourceDirectories);

    public static string FormatFilePath => FirstExisting(FormatFileName, ModuleSourceDirectories);

    private static string[] ModuleSourceDirectories =>
        [Path.Combine(RepositoryRoot, "src", "ContainerMcp"), RepositoryRoot, Path.Combine(RepositoryRoot, "out", "ContainerMcp")];

    private static string FirstExisting(string fileName, params string[] directories) =>
        directories.Select(d => Path.Combine(d, fileName)).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException(
            $"{fileName} was not found in: {string.Join(", ", directories)}. Build the module first: " +
            "dotnet build tests/ContainerMcp.Module.Tests (or pwsh ./build.ps1).", fileName);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerMcp.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ContainerMcp.slnx above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
