using System.Net.Sockets;

namespace ContainerMcp.Engine.Docker;

/// <summary>An open byte stream to the daemon (TLS already negotiated when used) and the socket under it.</summary>
/// <remarks>The socket is kept so a hijacked attach can half-close it; disposing <see cref="Stream"/> closes both.</remarks>
internal sealed record DockerConnection(Socket Socket, Stream Stream);
