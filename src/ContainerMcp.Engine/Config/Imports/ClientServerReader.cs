using System.Text.Json;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// Reads one server entry of an MCP client (Claude Desktop, Cursor, VS Code) and translates it by the program it
/// launches: <c>docker run</c>, <c>npx</c> or <c>uvx</c>. Keys the clients use for their own interface
/// (<c>autoApprove</c>, <c>disabledTools</c>, <c>timeout</c>, …) are left alone.
/// </summary>
internal static class ClientServerReader
{
    private static readonly string[] WindowsExtensions = [".exe", ".cmd", ".bat"];

    /// <summary>The server, or null when the entry is disabled.</summary>
    public static McpServerConfig? Read(string name, LocatedJson at)
    {
        if (at.Value.ValueKind != JsonValueKind.Object)
            throw at.Error($"Server '{name}' is not described by an object.");
        if (at.Property("disabled") is { } disabled && disabled.AsBoolean())
            return null;

        // The URL is not repeated in the message: it may carry a token.
        if (at.Property("type") is { } typeAt && typeAt.AsString() is var type && type != "stdio")
            throw typeAt.Error(RemoteServer(name, $"is reached over '{type}'"));
        if (at.Property("url") is { } url)
            throw url.Error(RemoteServer(name, "is reached at a URL"));
        if (at.Property("envFile") is { } envFile)
            throw envFile.Error(
                $"Server '{name}': envFile is not supported. List the variables under env instead, as ${{env:NAME}} to take each from the environment.");

        var commandAt = at.Property("command") ?? throw at.Error($"Server '{name}' has no command to run.");
        var command = commandAt.AsString();
        var args = (at.Property("args")?.Items() ?? [])
            .Select(a => new ClientArg(ClientVariables.Translate(a.AsString(), a), a))
            .ToList();
        var env = (at.Property("env")?.Properties() ?? [])
            .ToDictionary(e => e.Name, e => ClientVariables.Translate(e.Value.AsScalarText(), e.Value), StringComparer.Ordinal);

        var program = ProgramName(command);
        // Windows clients often start runners through the shell: "cmd /c npx …" runs the same as "npx …".
        if (program == "cmd" && args.Count > 1 && args[0].Value.Equals("/c", StringComparison.OrdinalIgnoreCase))
        {
            (program, commandAt) = (ProgramName(args[1].Value), args[1].At);
            args = args.Skip(2).ToList();
        }

        var entry = new ClientEntry(name, at, commandAt, args, env);
        return program switch
        {
            "docker" or "podman" => DockerRunTranslator.Translate(entry, program),
            "npx" => NpxTranslator.Translate(entry),
            "uvx" => UvxTranslator.Translate(entry),
            _ => throw entry.Refuse(commandAt,
                $"it runs '{commandAt.AsString()}' from this machine, which cannot be moved into a container. " +
                "Describe it in a ContainerMcp YAML file with an image: to run, or a runtime: (python, node) to build one."),
        };
    }

    /// <summary><c>/usr/local/bin/docker</c>, <c>C:\…\docker.exe</c> and <c>npx.cmd</c> name the same programs as their bare names.</summary>
    private static string ProgramName(string command)
    {
        var name = command[(command.LastIndexOfAny(['/', '\\']) + 1)..].ToLowerInvariant();
        foreach (var extension in WindowsExtensions)
        {
            if (name.EndsWith(extension, StringComparison.Ordinal))
                return name[..^extension.Length];
        }
        return name;
    }

    private static string RemoteServer(string name, string how) =>
        $"Server '{name}' {how}; only stdio servers, which a client starts as a program, can run in a container.";
}
