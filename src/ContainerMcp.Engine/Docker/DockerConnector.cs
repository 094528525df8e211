using System.IO.Pipes;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// Opens a byte stream to the daemon. The one way in: the HTTP handler's connect callback and the
/// hand-written attach upgrade both use it, so unix, tcp, TLS and named pipes behave the same for both.
/// </summary>
internal sealed class DockerConnector
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly DockerEndpoint _endpoint;
    // PublicationOnly: a failure (e.g. a missing ca.pem) is not cached, so fixing the files and retrying works.
    private readonly Lazy<SslClientAuthenticationOptions>? _tls;

    public DockerConnector(DockerEndpoint endpoint)
    {
        _endpoint = endpoint;
        if (endpoint.UseTls)
        {
            _tls = new Lazy<SslClientAuthenticationOptions>(() => DockerTls.CreateOptions(endpoint), LazyThreadSafetyMode.PublicationOnly);
        }
    }

    /// <exception cref="DockerUnreachableException">The socket could not be connected or the TLS handshake failed.</exception>
    public async Task<DockerConnection> ConnectAsync(CancellationToken ct)
    {
        var tls = _tls?.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ConnectTimeout);
        if (_endpoint.IsNamedPipe)
        {
            return await ConnectPipeAsync(ct, timeout.Token).ConfigureAwait(false);
        }

        var socket = _endpoint.IsUnix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            EndPoint target = _endpoint.IsUnix
                ? new UnixDomainSocketEndPoint(_endpoint.SocketPath!)
                : new DnsEndPoint(_endpoint.Uri.IdnHost, _endpoint.Uri.Port);
            await socket.ConnectAsync(target, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(tls, timeout.Token).ConfigureAwait(false);
            }

            return new DockerConnection(socket, stream);
        }
        catch (Exception ex) when (Unreachable(ex, ct, stream as SslStream) is { } unreachable)
        {
            Close(socket, stream);
            throw unreachable;
        }
        catch
        {
            Close(socket, stream);
            throw;
        }
    }

    /// <summary>A local named pipe, opened for overlapped I/O so reads and writes can be in flight together.</summary>
    private async Task<DockerConnection> ConnectPipeAsync(CancellationToken ct, CancellationToken timeout)
    {
        if (!OperatingSystem.IsWindows())
        {
            // .NET would map the name to a unix socket in /tmp, which no engine listens on: say what is wrong instead.
            throw new DockerUnreachableException(_endpoint, "named pipes are how Docker is reached on Windows; on this system use unix:// or tcp://");
        }

        // .NET's pipe client keeps retrying a pipe that does not exist yet, so with Docker Desktop stopped this ends
        // at the connect timeout rather than at once as the docker CLI does.
        var pipe = new NamedPipeClientStream(".", _endpoint.PipeName!, PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(timeout).ConfigureAwait(false);
            return new DockerConnection(null, pipe);
        }
        catch (Exception ex) when (Unreachable(ex, ct, null) is { } unreachable)
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw unreachable;
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private DockerUnreachableException? Unreachable(Exception ex, CancellationToken callerToken, SslStream? tls) => ex switch
    {
        OperationCanceledException when !callerToken.IsCancellationRequested =>
            new DockerUnreachableException(_endpoint, $"no connection within {ConnectTimeout.TotalSeconds:0} seconds", ex),
        SocketException socketError => new DockerUnreachableException(_endpoint, socketError.Message, ex),
        AuthenticationException when tls is not null && DockerTls.RefusalOf(tls) is { } refusal =>
            new DockerUnreachableException(_endpoint, $"the TLS handshake failed: {refusal}", ex, DockerUnreachableException.CheckCertificates),
        AuthenticationException tlsError => new DockerUnreachableException(_endpoint, $"the TLS handshake failed ({tlsError.Message})", ex,
            DockerUnreachableException.CheckCertificates),
        IOException ioError => new DockerUnreachableException(_endpoint, ioError.Message, ex),
        UnauthorizedAccessException denied => new DockerUnreachableException(_endpoint, denied.Message, ex),
        _ => null,
    };

    private static void Close(Socket socket, Stream? stream)
    {
        if (stream is not null)
        {
            stream.Dispose();
        }
        else
        {
            socket.Dispose();
        }
    }
}
