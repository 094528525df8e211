using System.Net.Sockets;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Engines;

/// <summary>
/// The engines this machine describes, as the docker CLI and Podman find them: <c>default</c> (DOCKER_HOST with
/// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, else <c>/var/run/docker.sock</c> or, on Windows, the
/// <c>docker_engine</c> pipe), each context of the Docker config folder, <c>podman</c> (CONTAINER_HOST, else the rootful
/// socket <c>/run/podman/podman.sock</c>), <c>podman-rootless</c> (<c>$XDG_RUNTIME_DIR/podman/podman.sock</c>), and on
/// Windows <c>podman-machine-default</c> (the Podman machine's pipe). Reads variables and files only, except
/// <see cref="ChooseDefault"/>, which may try local sockets.
/// </summary>
public sealed class EngineDiscovery
{
    public const string PodmanName = "podman", PodmanRootlessName = "podman-rootless", PodmanMachineName = "podman-machine-default";

    private readonly Func<string, string?> _environment;
    private readonly bool _windows;
    private readonly Func<DockerEndpoint, bool> _answers;

    /// <param name="environment">Reads a variable; the process environment when null.</param>
    /// <param name="windows">Which operating system's defaults apply; this one's when null.</param>
    /// <param name="answers">Whether a local engine answers; by default, whether its socket or pipe accepts a connection.</param>
    public EngineDiscovery(Func<string, string?>? environment = null, bool? windows = null, Func<DockerEndpoint, bool>? answers = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _windows = windows ?? OperatingSystem.IsWindows();
        _answers = answers ?? AcceptsConnection;
        Contexts = DockerContextStore.FromEnvironment(_environment);
    }

    /// <summary>The Docker config folder the contexts are read from.</summary>
    public DockerContextStore Contexts { get; }

    /// <summary>Every candidate, in the order listed: default, the contexts by name, then Podman's.</summary>
    public IReadOnlyList<EngineCandidate> Candidates()
    {
        var all = new List<EngineCandidate> { DefaultContext() };
        all.AddRange(Contexts.Contexts().Where(c => c.Name != DockerContextStore.DefaultName));
        all.AddRange(PodmanCandidates().Where(p => all.All(c => c.Name != p.Name)));
        return all;
    }

    /// <summary>
    /// The engine used when none is named. As the docker CLI: DOCKER_HOST, else DOCKER_CONTEXT, else config.json's
    /// currentContext — each honoured as given, even when it does not answer, so the error names it. With none of
    /// them set: the first of <c>default</c>, <c>podman</c>, <c>podman-rootless</c> (and the Podman machine pipe) whose
    /// socket accepts a connection; <c>default</c> when none does.
    /// </summary>
    public EngineCandidate ChooseDefault()
    {
        if (_environment("DOCKER_HOST") is { Length: > 0 }) return DefaultContext();
        (string? Name, string By) chosen = _environment("DOCKER_CONTEXT") is { Length: > 0 } context ? (context, "DOCKER_CONTEXT")
            : (Contexts.CurrentContext, $"currentContext of {Path.Combine(Contexts.Folder, "config.json")}");
        if (chosen.Name is { } name && name != DockerContextStore.DefaultName)
            return Contexts.Find(name) ?? new EngineCandidate(name, null, chosen.By,
                $"{chosen.By} names the context '{name}', which {Contexts.Folder} does not hold (docker context ls lists them)");
        var implicitOnes = new List<EngineCandidate> { DefaultContext() };
        implicitOnes.AddRange(PodmanCandidates());
        return implicitOnes.FirstOrDefault(c => c.Endpoint is { } e && _answers(e)) ?? implicitOnes[0];
    }

    /// <summary>
    /// The candidate <paramref name="engine"/> names: an endpoint URI (<c>unix://</c>, <c>tcp://</c>, <c>npipe://</c>;
    /// the candidate of that endpoint, else one read as DOCKER_HOST is, with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH),
    /// or a name (exact, then ignoring case).
    /// </summary>
    /// <exception cref="UnknownEngineException">No candidate has that name, or the endpoint cannot be used.</exception>
    public EngineCandidate Find(string engine)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engine);
        var candidates = Candidates();
        if (engine.Contains("://", StringComparison.Ordinal))
        {
            DockerEndpoint endpoint;
            try { endpoint = EndpointFromText(engine); }
            catch (ArgumentException ex)
            {
                throw new UnknownEngineException(engine, $"The engine endpoint '{engine}' cannot be used: {EngineCandidate.Why(ex)}.");
            }
            return candidates.FirstOrDefault(c => c.Endpoint is { } e && e.ToString() == endpoint.ToString())
                   ?? new EngineCandidate(engine, endpoint, "endpoint");
        }

        var found = candidates.FirstOrDefault(c => c.Name == engine)
                    ?? Contexts.Find(engine)
                    ?? candidates.FirstOrDefault(c => c.Name.Equals(engine, StringComparison.OrdinalIgnoreCase));
        return found ?? throw new UnknownEngineException(engine,
            $"No engine is named '{engine}'. Known engines: {string.Join(", ", candidates.Select(c => c.Name))}. " +
            "Name one of those or a Docker context (docker context ls), or give an endpoint such as unix:///run/podman/podman.sock.");
    }

    private DockerEndpoint EndpointFromText(string text)
    {
        var verify = _environment("DOCKER_TLS_VERIFY");
        var tlsVerify = !string.IsNullOrEmpty(verify) && verify != "0" && !verify.Equals("false", StringComparison.OrdinalIgnoreCase);
        return DockerEndpoint.Parse(text, tlsVerify, _environment("DOCKER_CERT_PATH") is { Length: > 0 } certs ? certs : null);
    }

    /// <summary>The docker CLI's <c>default</c> context: DOCKER_HOST when set, else this system's usual socket or pipe.</summary>
    private EngineCandidate DefaultContext()
    {
        if (_environment("DOCKER_HOST") is not { Length: > 0 } host)
            return new EngineCandidate(DockerContextStore.DefaultName, DockerEndpoint.DefaultFor(_windows), "the docker CLI's default");
        try { return new EngineCandidate(DockerContextStore.DefaultName, EndpointFromText(host), "DOCKER_HOST"); }
        catch (ArgumentException ex)
        {
            return new EngineCandidate(DockerContextStore.DefaultName, null, "DOCKER_HOST",
                $"DOCKER_HOST '{host}' is not one ContainerMcp can reach: {EngineCandidate.Why(ex)}") { EndpointText = host };
        }
    }

    private IEnumerable<EngineCandidate> PodmanCandidates()
    {
        if (_environment("CONTAINER_HOST") is { Length: > 0 } containerHost)
            yield return Parsed(PodmanName, containerHost, "CONTAINER_HOST");
        else if (!_windows)
            yield return Parsed(PodmanName, "unix:///run/podman/podman.sock", "Podman's rootful socket");
        if (!_windows && _environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtimeDir && runtimeDir.StartsWith('/'))
            yield return Parsed(PodmanRootlessName, $"unix://{runtimeDir.TrimEnd('/')}/podman/podman.sock", "Podman's rootless socket");
        if (_windows)
            yield return Parsed(PodmanMachineName, "npipe:////./pipe/podman-machine-default", "the Podman machine's pipe");
    }

    private static EngineCandidate Parsed(string name, string host, string source)
    {
        try { return new EngineCandidate(name, DockerEndpoint.Parse(host), source); }
        catch (ArgumentException ex)
        {
            return new EngineCandidate(name, null, source, $"{source} '{host}' is not one ContainerMcp can reach: {EngineCandidate.Why(ex)}") { EndpointText = host };
        }
    }

    /// <summary>A local socket or pipe that accepts a connection; a tcp engine is not tried here (it was named, not found).</summary>
    private static bool AcceptsConnection(DockerEndpoint endpoint)
    {
        if (endpoint.PipeName is { } pipe) return File.Exists($@"\\.\pipe\{pipe}");
        if (endpoint.SocketPath is not { } path || !File.Exists(path)) return false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
