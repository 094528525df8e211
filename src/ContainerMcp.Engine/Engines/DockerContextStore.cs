using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Engines;

/// <summary>
/// The docker CLI's configuration folder (<c>DOCKER_CONFIG</c>, else <c>~/.docker</c>), read as the CLI reads it:
/// <c>config.json</c>'s <c>currentContext</c>, each context's <c>contexts/meta/&lt;sha256 of its name&gt;/meta.json</c>
/// (<c>Endpoints.docker.Host</c>, <c>SkipTLSVerify</c>) and its TLS material in
/// <c>contexts/tls/&lt;sha256&gt;/docker/{ca,cert,key}.pem</c>. Only reads files; nothing here reaches an engine.
/// </summary>
public sealed class DockerContextStore(string folder)
{
    /// <summary>The context name that means "no context": DOCKER_HOST or the operating system's usual socket.</summary>
    public const string DefaultName = "default";

    public string Folder { get; } = folder;

    /// <summary>The folder <c>DOCKER_CONFIG</c> names, else <c>~/.docker</c>.</summary>
    public static DockerContextStore FromEnvironment(Func<string, string?> environment) =>
        new(environment("DOCKER_CONFIG") is { Length: > 0 } configured ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker"));

    /// <summary><c>currentContext</c> of <c>config.json</c>; null when the file, or the key, is missing or unreadable.</summary>
    public string? CurrentContext
    {
        get
        {
            var file = Path.Combine(Folder, "config.json");
            try
            {
                if (!File.Exists(file)) return null;
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                return json.RootElement.ValueKind == JsonValueKind.Object &&
                       json.RootElement.TryGetProperty("currentContext", out var current) &&
                       current.ValueKind == JsonValueKind.String && current.GetString() is { Length: > 0 } name ? name : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                return null; // the docker CLI would complain; for us an unreadable file just names no context
            }
        }
    }

    /// <summary>Every context of the store, by name (the docker CLI's order); the <c>default</c> context is not stored.</summary>
    public IReadOnlyList<EngineCandidate> Contexts()
    {
        var meta = Path.Combine(Folder, "contexts", "meta");
        if (!Directory.Exists(meta)) return [];
        return Directory.EnumerateDirectories(meta)
            .Select(dir => Read(Path.Combine(dir, "meta.json"), expectedName: null, Path.GetFileName(dir)))
            .OfType<EngineCandidate>()
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The context of this exact name; null when the store has none.</summary>
    public EngineCandidate? Find(string name)
    {
        var digest = Digest(name);
        var file = Path.Combine(Folder, "contexts", "meta", digest, "meta.json");
        return File.Exists(file) ? Read(file, name, digest) : null;
    }

    /// <summary>The folder name the docker CLI gives a context: the hex SHA-256 of its name.</summary>
    public static string Digest(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private EngineCandidate? Read(string file, string? expectedName, string digest)
    {
        var source = $"docker context in {Folder}";
        string? name = expectedName;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            name = root.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : expectedName;
            if (name is null) return null;
            if (!root.TryGetProperty("Endpoints", out var endpoints) || endpoints.ValueKind != JsonValueKind.Object ||
                !endpoints.TryGetProperty("docker", out var docker) || docker.ValueKind != JsonValueKind.Object)
                return new EngineCandidate(name, null, source, $"its docker context {file} has no Endpoints.docker");
            var host = docker.TryGetProperty("Host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() ?? "" : "";
            var skipVerify = docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
            return Candidate(name, host, skipVerify, digest, source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return name is null ? null : new EngineCandidate(name, null, source, $"its docker context {file} cannot be read ({ex.Message})");
        }
    }

    private EngineCandidate Candidate(string name, string host, bool skipVerify, string digest, string source)
    {
        if (host.Length == 0) return new EngineCandidate(name, null, source, $"its docker context in {Folder} has no Host");
        // The context's TLS material, when it has any: verify against its ca.pem unless SkipTLSVerify, as the CLI does.
        var tls = Path.Combine(Folder, "contexts", "tls", digest, "docker");
        var hasTls = new[] { "ca.pem", "cert.pem", "key.pem" }.Any(f => File.Exists(Path.Combine(tls, f)));
        try
        {
            var endpoint = DockerEndpoint.Parse(host, tlsVerify: hasTls && !skipVerify, certPath: hasTls ? tls : null);
            return new EngineCandidate(name, endpoint, source);
        }
        catch (ArgumentException ex)
        {
            return new EngineCandidate(name, null, source, $"its docker context's host '{host}' is not one ContainerMcp can reach: {EngineCandidate.Why(ex)}") { EndpointText = host };
        }
    }
}
