using System.Net.Sockets;

namespace ContainerMcp.Engine.Docker;

/// <summary>An open byte stream to the daemon (TLS already negotiated when used) and the socket under it, if any.</summary>
/// <remarks>
/// The socket is kept so a hijacked attach can half-close it; a named pipe has none (<see cref="Socket"/> is null) and
/// is half-closed through <see cref="NamedPipeHalfClose"/>. Disposing <see cref="Stream"/> closes everything.
/// </remarks>
internal sealed record DockerConnection(Socket? Socket, Stream Stream);
