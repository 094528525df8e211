using System.Text.Json;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Engine.Images;

/// <summary>
/// A runtime installed on this machine (node or python3 on PATH), as the files a base image needs: the interpreter,
/// the shared libraries <c>ldd</c> names, and for python its standard library (trimmed) and extension modules.
/// Files keep their host paths, so the interpreter finds its libraries and stdlib as it does here.
/// </summary>
internal sealed record HostRuntime(RuntimeKind Kind, string Executable, string Version, string? StandardLibrary)
{
    // Parts of the python standard library a server never needs (tests, GUI, installers, build configuration).
    private static readonly HashSet<string> SkippedStdlibDirectories =
        ["test", "tests", "idle_test", "site-packages", "dist-packages", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3", "__phello__"];

    public string Name => Kind == RuntimeKind.Node ? "node" : "python";

    /// <summary>Finds the runtime on PATH and asks it for its version (and python for where its stdlib is).</summary>
    public static async Task<HostRuntime> FindAsync(RuntimeKind kind, CancellationToken ct)
    {
        if (kind == RuntimeKind.Node)
        {
            var node = await RunOrExplainAsync("node", ["-e", "console.log(JSON.stringify({exe: process.execPath, version: process.versions.node}))"], ct).ConfigureAwait(false);
            return new HostRuntime(kind, Real(node.GetProperty("exe").GetString()!), node.GetProperty("version").GetString()!, null);
        }

        // sys.executable is the real interpreter even behind a version manager's shim (pyenv).
        var python = await RunOrExplainAsync("python3",
            ["-c", "import sys, json, sysconfig, platform; print(json.dumps({'exe': sys.executable, 'version': platform.python_version(), 'stdlib': sysconfig.get_paths()['stdlib']}))"],
            ct).ConfigureAwait(false);
        return new HostRuntime(kind, Real(python.GetProperty("exe").GetString()!), python.GetProperty("version").GetString()!, python.GetProperty("stdlib").GetString());
    }

    /// <summary>True when the host's version starts with the asked one ("20" matches 20.19.2, "3.11" matches 3.11.7).</summary>
    public bool Satisfies(string? version) =>
        version is null || Version == version || Version.StartsWith(version.TrimStart('v') + ".", StringComparison.Ordinal);

    /// <summary>The root filesystem of a base image: the runtime's files, a passwd with the <c>mcp</c> user, writable /tmp.</summary>
    public async Task<InMemoryTar> RootFilesystemAsync(CancellationToken ct)
    {
        var tar = new InMemoryTar();
        var binaries = new List<string> { Executable };
        tar.AddHostFile(Executable, Executable);
        if (StandardLibrary is { } stdlib)
        {
            tar.AddHostDirectory(stdlib, stdlib, SkipInStdlib);
            var extensions = Path.Combine(stdlib, "lib-dynload");
            if (Directory.Exists(extensions))
                binaries.AddRange(Directory.EnumerateFiles(extensions, "*.so").Where(f => !SkipInStdlib(f)));
        }
        foreach (var library in await HostCommand.SharedLibrariesAsync(binaries, ct).ConfigureAwait(false))
            tar.AddHostFile(library, library);

        var command = Kind == RuntimeKind.Node ? "node" : "python3";
        if (Executable != $"/usr/local/bin/{command}") tar.AddSymlink($"/usr/local/bin/{command}", Executable);
        if (Kind == RuntimeKind.Python && Executable != "/usr/local/bin/python") tar.AddSymlink("/usr/local/bin/python", Executable);

        var uid = ImageLabels.UserId;
        tar.AddFile("etc/passwd", $"root:x:0:0:root:/root:/usr/sbin/nologin\nmcp:x:{uid}:{uid}:MCP server:/tmp:/usr/sbin/nologin\n");
        tar.AddFile("etc/group", $"root:x:0:\nmcp:x:{uid}:\n");
        tar.AddFile("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n");
        tar.AddFile("etc/hosts", "127.0.0.1 localhost\n::1 localhost\n");
        tar.AddDirectory("tmp", (UnixFileMode)0b1_111_111_111); // 1777
        tar.AddDirectory("app");
        foreach (var mountPoint in new[] { "proc", "sys", "dev" }) tar.AddDirectory(mountPoint);
        return tar;
    }

    private static bool SkipInStdlib(string path)
    {
        var name = Path.GetFileName(path);
        return SkippedStdlibDirectories.Contains(name)
               || name.StartsWith("config-", StringComparison.Ordinal)
               || name.StartsWith("_tkinter", StringComparison.Ordinal) // pulls in X11
               || name.Contains(".opt-", StringComparison.Ordinal);     // optimised bytecode the interpreter does not load by default
    }

    private static string Real(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static async Task<JsonElement> RunOrExplainAsync(string program, string[] arguments, CancellationToken ct)
    {
        HostCommand.Result result;
        try
        {
            result = await HostCommand.RunAsync(program, arguments, ct: ct).ConfigureAwait(false);
        }
        catch (McpImageException ex)
        {
            throw new McpImageException(
                $"No '{program}' was found on this machine to make a base image from. Install it, or name a base image that has it (runtime.base_image).", ex, NextStep.NameBaseImage);
        }
        if (result.ExitCode != 0)
            throw new McpImageException($"'{program}' on this machine failed when asked for its version (exit {result.ExitCode}): {result.Tail()}");
        return JsonDocument.Parse(result.Output.Trim()).RootElement.Clone();
    }
}
