using System.Diagnostics;

namespace ContainerMcp.Engine.Images;

/// <summary>Runs a program on the host (ldd, npm, pip) and collects what it printed.</summary>
internal static class HostCommand
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>The last lines of stderr (stdout when stderr is empty), for error messages.</summary>
        public string Tail(int lines = 6)
        {
            var text = string.IsNullOrWhiteSpace(Error) ? Output : Error;
            return string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
        }
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new McpImageException($"'{program}' could not be run on this machine: {ex.Message}. Is it installed and on PATH?", ex);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>The shared libraries <c>ldd</c> names for the given files (absolute paths, each once).</summary>
    public static async Task<IReadOnlyList<string>> SharedLibrariesAsync(IReadOnlyCollection<string> files, CancellationToken ct)
    {
        if (files.Count == 0) return [];
        var result = await RunAsync("ldd", files, ct: ct).ConfigureAwait(false);
        // ldd fails for a file that is not dynamic ("not a dynamic executable") but still lists the others.
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3 && parts[1] == "=>" && parts[2].StartsWith('/')) libraries.Add(parts[2]);
            else if (parts.Length >= 1 && parts[0].StartsWith('/') && !parts[0].EndsWith(':')) libraries.Add(parts[0]);
        }
        return [.. libraries];
    }
}
