using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Engines;

/// <summary>
/// A place an engine may listen, by the name <c>-Engine</c> and <c>engine:</c> use: a Docker context, the docker CLI's
/// <c>default</c>, <c>podman</c>, <c>podman-rootless</c>, or an endpoint given as it is. <see cref="Source"/> says where
/// it was found (DOCKER_HOST, a context, CONTAINER_HOST, a Podman socket…); <see cref="Problem"/>, when set, says why
/// it cannot be used (an ssh:// context, a malformed host), and then <see cref="Endpoint"/> is null.
/// </summary>
public sealed record EngineCandidate(string Name, DockerEndpoint? Endpoint, string Source, string? Problem = null)
{
    /// <summary>The endpoint as the docker CLI writes it, or the host text that could not be used.</summary>
    public string EndpointText { get; init; } = Endpoint?.ToString() ?? "";

    /// <summary>The endpoint, or an <see cref="UnknownEngineException"/> saying why this candidate cannot be used.</summary>
    public DockerEndpoint Usable => Endpoint ?? throw new UnknownEngineException(Name,
        $"The engine '{Name}' cannot be used: {Problem}.");

    /// <summary>What <see cref="DockerEndpoint.Parse"/> found wrong, without its "DOCKER_HOST …" lead and parameter name.</summary>
    internal static string Why(ArgumentException ex)
    {
        var text = ex.ParamName is { } param ? ex.Message.Replace($" (Parameter '{param}')", "", StringComparison.Ordinal) : ex.Message;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return (colon > 0 ? text[(colon + 2)..] : text).TrimEnd('.');
    }

    /// <summary>One key per way of reaching an engine (address and TLS settings): one client per key in a session.</summary>
    internal static string KeyOf(DockerEndpoint endpoint) =>
        $"{endpoint}|{endpoint.UseTls}|{endpoint.TlsVerify}|{endpoint.CertPath}";
}
