namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>Finds a container's server process from the host (the tests run as root beside the daemon).</summary>
public static class ProcessTree
{
    /// <summary>The first child of <paramref name="pid"/>: under docker-init, that is the server itself.</summary>
    public static int ChildOf(long pid)
    {
        var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0
            ? int.Parse(children[0])
            : throw new InvalidOperationException($"Process {pid} has no child process.");
    }
}
