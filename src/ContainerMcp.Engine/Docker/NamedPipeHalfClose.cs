using System.ComponentModel;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// Half-close on a Windows named pipe, which has no shutdown of one direction. Docker's engine (and Docker Desktop's
/// proxy) listen on a message-mode pipe through go-winio, whose <c>CloseWrite</c> is a zero-byte message that the
/// other end reads as end of input: the docker CLI sends it for <c>docker run -i</c>, Docker.DotNet's pipe stream does
/// the same. .NET drops zero-byte writes before they reach the OS, so the write is made with <c>WriteFile</c>.
/// </summary>
/// <remarks>Not exercised by this project's CI (Linux only): see "What is tested where" in the README.</remarks>
[SupportedOSPlatform("windows")]
internal static class NamedPipeHalfClose
{
    private const int ErrorIoPending = 997;

    /// <exception cref="IOException">The write failed, e.g. because the daemon already closed the pipe.</exception>
    public static void WriteEndOfInput(PipeStream pipe)
    {
        using var done = new ManualResetEvent(false);
        // The pipe was opened for overlapped I/O, so the write needs an OVERLAPPED; the event's low bit set keeps its
        // completion out of the I/O completion port .NET bound the pipe to. The struct lives on this frame until the
        // wait below returns, so the OS never writes to memory that has moved.
        var overlapped = new NativeOverlapped { EventHandle = done.SafeWaitHandle.DangerousGetHandle() | 1 };
        if (WriteFile(pipe.SafePipeHandle, IntPtr.Zero, 0, IntPtr.Zero, ref overlapped) != 0)
        {
            return;
        }

        var error = Marshal.GetLastPInvokeError();
        if (error == ErrorIoPending)
        {
            if (GetOverlappedResult(pipe.SafePipeHandle, ref overlapped, out _, wait: 1) != 0)
            {
                return;
            }

            error = Marshal.GetLastPInvokeError();
        }

        throw new IOException("Could not tell the daemon that stdin ended (zero-byte write on its named pipe).", new Win32Exception(error));
    }

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern int WriteFile(SafeHandle file, IntPtr buffer, int count, IntPtr written, ref NativeOverlapped overlapped);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern int GetOverlappedResult(SafeHandle file, ref NativeOverlapped overlapped, out int transferred, int wait);
}
