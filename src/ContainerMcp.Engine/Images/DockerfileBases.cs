namespace ContainerMcp.Engine.Images;

/// <summary>
/// The images a Dockerfile builds FROM. Checked before a build because the classic builder pulls a missing base
/// image whatever it is told, and with no registry that fails late and obscurely.
/// </summary>
internal static class DockerfileBases
{
    public static IReadOnlyList<string> Read(string dockerfile)
    {
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "scratch" };
        var bases = new List<string>();
        foreach (var raw in dockerfile.Split('\n'))
        {
            var words = raw.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !words[0].Equals("FROM", StringComparison.OrdinalIgnoreCase)) continue;
            var rest = words.Skip(1).SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
            if (rest.Count == 0) continue;
            // A base named by a build argument cannot be checked here; the build reports it.
            if (!stages.Contains(rest[0]) && !rest[0].Contains('$')) bases.Add(rest[0]);
            if (rest.Count >= 3 && rest[1].Equals("AS", StringComparison.OrdinalIgnoreCase)) stages.Add(rest[2]);
        }
        return bases.Distinct().ToList();
    }
}
