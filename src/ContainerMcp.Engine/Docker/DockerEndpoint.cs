namespace ContainerMcp.Engine.Docker;

/// <summary>
/// Where the Docker daemon listens, as the Docker CLI reads it from <c>DOCKER_HOST</c>,
/// <c>DOCKER_TLS_VERIFY</c> and <c>DOCKER_CERT_PATH</c>: <c>unix://</c>, <c>tcp://</c>, and on Windows <c>npipe://</c>.
/// </summary>
public sealed record DockerEndpoint
{
    private const int PlainPort = 2375;
    private const int TlsPort = 2376;

    private DockerEndpoint(Uri uri, bool useTls, bool tlsVerify, string? certPath)
    {
        Uri = uri;
        UseTls = useTls;
        TlsVerify = tlsVerify;
        CertPath = certPath;
    }

    /// <summary>The daemon's usual local endpoint on this operating system (<see cref="DefaultFor"/>).</summary>
    public static DockerEndpoint Default { get; } = DefaultFor(OperatingSystem.IsWindows());

    /// <summary><c>unix:///path</c>, <c>tcp://host:port</c> or <c>npipe://./pipe/name</c>.</summary>
    public Uri Uri { get; }

    /// <summary>True for a tcp endpoint spoken to over TLS.</summary>
    public bool UseTls { get; }

    /// <summary>True when the daemon's certificate must chain to <c>ca.pem</c> in <see cref="CertPath"/>.</summary>
    public bool TlsVerify { get; }

    /// <summary>Folder holding <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c>; <c>~/.docker</c> when TLS is on and none was given.</summary>
    public string? CertPath { get; }

    /// <summary>Socket file of a unix endpoint; null for tcp.</summary>
    public string? SocketPath => IsUnix ? Uri.AbsolutePath : null;

    /// <summary>Name of a local named pipe (<c>docker_engine</c> for <c>\\.\pipe\docker_engine</c>); null otherwise.</summary>
    public string? PipeName => IsNamedPipe ? Uri.UnescapeDataString(Uri.AbsolutePath["/pipe/".Length..]) : null;

    internal bool IsUnix => Uri.Scheme == "unix";

    internal bool IsNamedPipe => Uri.Scheme == "npipe";

    /// <summary>
    /// Docker Desktop's and the Windows engine's pipe <c>npipe:////./pipe/docker_engine</c> on Windows,
    /// <c>unix:///var/run/docker.sock</c> elsewhere, as the docker CLI chooses with no <c>DOCKER_HOST</c>.
    /// </summary>
    public static DockerEndpoint DefaultFor(bool windows) =>
        Parse(windows ? "npipe:////./pipe/docker_engine" : "unix:///var/run/docker.sock");

    /// <summary>Reads <c>DOCKER_HOST</c>, <c>DOCKER_TLS_VERIFY</c> and <c>DOCKER_CERT_PATH</c>; <see cref="Default"/> when <c>DOCKER_HOST</c> is unset.</summary>
    public static DockerEndpoint FromEnvironment() => FromEnvironment(OperatingSystem.IsWindows());

    /// <summary><see cref="FromEnvironment()"/> as it reads on the given operating system.</summary>
    internal static DockerEndpoint FromEnvironment(bool windows)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(host))
        {
            return DefaultFor(windows);
        }

        // The Docker CLI treats any non-empty DOCKER_TLS_VERIFY as "on"; we also honour the obvious "0"/"false".
        var verify = Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY");
        var tlsVerify = !string.IsNullOrEmpty(verify) && verify != "0" && !verify.Equals("false", StringComparison.OrdinalIgnoreCase);
        var certPath = Environment.GetEnvironmentVariable("DOCKER_CERT_PATH");
        return Parse(host, tlsVerify, string.IsNullOrWhiteSpace(certPath) ? null : certPath);
    }

    /// <summary>
    /// Parses a <c>DOCKER_HOST</c> value such as <c>unix:///var/run/docker.sock</c>, <c>tcp://10.0.0.5:2376</c> or
    /// <c>npipe:////./pipe/docker_engine</c> (the docker CLI's spelling; <c>npipe://./pipe/docker_engine</c> too).
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty, malformed, or uses a scheme other than unix, tcp or npipe.</exception>
    public static DockerEndpoint Parse(string dockerHost, bool tlsVerify = false, string? certPath = null)
    {
        ArgumentNullException.ThrowIfNull(dockerHost);
        var text = dockerHost.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw Invalid(dockerHost, $"it has no scheme; expected {Forms}");
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        var rest = text[(schemeEnd + 3)..];
        return scheme switch
        {
            "unix" => ParseUnix(dockerHost, rest),
            "tcp" => ParseTcp(dockerHost, rest, tlsVerify, certPath),
            "npipe" => ParseNamedPipe(dockerHost, rest),
            _ => throw Invalid(dockerHost, $"the scheme '{scheme}://' is not supported; use {Forms}"),
        };
    }

    public override string ToString() =>
        IsUnix ? $"unix://{Uri.AbsolutePath}" : IsNamedPipe ? $"npipe:////./pipe/{PipeName}" : $"tcp://{Uri.Authority}";

    private const string Forms = "unix:///path/to/docker.sock, tcp://host:port or npipe:////./pipe/name";

    /// <summary><c>//./pipe/name</c> or <c>./pipe/name</c>: a pipe on this machine, as Docker Desktop and Podman machines serve.</summary>
    private static DockerEndpoint ParseNamedPipe(string original, string rest)
    {
        var path = rest.Replace('\\', '/');
        path = path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path;
        const string local = "./pipe/";
        if (!path.StartsWith(local, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(original, "a named pipe must be on this machine, e.g. npipe:////./pipe/docker_engine");
        }

        var name = path[local.Length..];
        // The name must survive the Uri whole ('?' or '#' would be cut off as a query or fragment).
        if (name.Length == 0 || name.Contains('/') || !Uri.TryCreate("npipe://localhost/pipe/" + Uri.EscapeDataString(name), UriKind.Absolute, out var uri) ||
            Uri.UnescapeDataString(uri.AbsolutePath["/pipe/".Length..]) != name)
        {
            throw Invalid(original, "the pipe name is missing or malformed, e.g. npipe:////./pipe/docker_engine");
        }

        return new DockerEndpoint(uri, useTls: false, tlsVerify: false, certPath: null);
    }

    private static DockerEndpoint ParseUnix(string original, string path)
    {
        if (!path.StartsWith('/') || path.Length == 1)
        {
            throw Invalid(original, "a unix socket needs an absolute path, e.g. unix:///var/run/docker.sock");
        }

        return new DockerEndpoint(new Uri("unix://" + path), useTls: false, tlsVerify: false, certPath: null);
    }

    private static DockerEndpoint ParseTcp(string original, string authority, bool tlsVerify, string? certPath)
    {
        authority = authority.TrimEnd('/');
        if (authority.Length == 0 || authority.Contains('/'))
        {
            throw Invalid(original, "expected tcp://host:port with no path");
        }

        // No port: docker's convention is 2376 for TLS, 2375 for plain text.
        if (!Uri.TryCreate("tcp://" + authority, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw Invalid(original, "the host or port cannot be read; expected tcp://host:port");
        }

        if (uri.IsDefaultPort || uri.Port <= 0)
        {
            uri = new UriBuilder(uri) { Port = tlsVerify ? TlsPort : PlainPort }.Uri;
        }

        var useTls = tlsVerify || (certPath is not null && uri.Port == TlsPort);
        if (useTls)
        {
            certPath ??= Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }

        return new DockerEndpoint(uri, useTls, tlsVerify, certPath);
    }

    private static ArgumentException Invalid(string value, string why) =>
        new($"DOCKER_HOST '{value}' cannot be used: {why}.", "dockerHost");
}
