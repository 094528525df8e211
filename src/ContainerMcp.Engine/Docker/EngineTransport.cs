using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Client;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// Docker.DotNet's HTTP handler over connections that <see cref="DockerConnector"/> opens, for every scheme alike.
/// Its own transports are not used: their TLS check accepts a certificate made out for another host name, and they
/// connect without a time limit; the connector refuses the one and bounds the other, and names the cause.
/// </summary>
internal sealed class EngineTransport : IDockerHandlerFactory<DockerConnector>
{
    /// <summary>What Docker.DotNet puts in front of each path; the connector decides where the bytes really go.</summary>
    public static readonly Uri BaseAddress = new("http://docker/");

    public static EngineTransport Instance { get; } = new();

    public static ManagedHandler CreateHandler(DockerConnector connector, ILogger logger) =>
        new(async (_, _, ct) => await connector.ConnectAsync(ct).ConfigureAwait(false), logger)
        {
            UseProxy = false,
            RedirectMode = RedirectMode.None,
        };

    public ResolvedTransport CreateHandler(DockerConnector transportOptions, ResolvedClientOptions clientOptions, ILogger logger) =>
        new(CreateHandler(transportOptions, logger), BaseAddress);

    public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
        throw new NotSupportedException("The engine transport needs the connector of its endpoint.");

    public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) =>
        content is HttpConnectionResponseContent hijackable
            ? Task.FromResult(hijackable.HijackStream())
            : throw new NotSupportedException("The Docker engine's answer to the attach request cannot be taken over as a stream.");
}
