using System.ComponentModel;
using System.Diagnostics;

namespace ContainerMcp.Engine.Servers;

/// <summary>Whether the process a container names as its owner still runs on this machine.</summary>
internal static class OwnerProcess
{
    // Two readings of one process's start time differ by milliseconds (clock ticks since boot turned into wall-clock
    // time); a pid handed to a new process within this window is not plausible.
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Null while process <c>pid</c> runs and started at <c>started</c> (UTC, as the container recorded it); otherwise
    /// a sentence saying what became of it. Without a recorded start time (older labels) the pid alone decides.
    /// </summary>
    public static string? WhyGone(int pid, DateTime? started)
    {
        DateTime actual;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (started is null) return null;
            actual = process.StartTime.ToUniversalTime();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException) // no such pid, or it ended since
        {
            return $"Its owner, process {pid} on this machine, has exited.";
        }
        catch (Win32Exception)
        {
            return null; // not allowed to read its start time: cannot tell, so it is not ours to call gone
        }

        return (actual - started.Value).Duration() <= StartTimeTolerance
            ? null
            : $"Its owner, process {pid} started {started.Value:u}, has exited; pid {pid} now belongs to a process started {actual:u}.";
    }
}
