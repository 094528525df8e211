namespace ContainerMcp.Bench;

/// <summary>What the test rig provides (tests/rig/up.sh writes them to .rig/env; bench/run.sh sources it), and the
/// rig's dependency-free servers (tests/rig/servers, mounted into the node image).</summary>
public sealed record RigInputs(string Image, string HostEntry, string NodeImage, string ServersDir)
{
    public const string ImageVariable = "CONTAINERMCP_IMAGE_EVERYTHING";
    public const string HostEntryVariable = "CONTAINERMCP_EVERYTHING_HOST_ENTRY";
    public const string NodeImageVariable = "CONTAINERMCP_IMAGE_NODE";

    public static RigInputs FromEnvironment()
    {
        string image = Require(ImageVariable);
        string entry = Require(HostEntryVariable);
        if (!File.Exists(entry))
            throw new BenchSetupException($"{HostEntryVariable} points to '{entry}', which does not exist. Rerun: bash tests/rig/up.sh");
        string servers = Path.GetFullPath(Path.Combine("tests", "rig", "servers"));
        if (!File.Exists(Path.Combine(servers, "legacy-server.js")))
            throw new BenchSetupException($"{servers}/legacy-server.js does not exist. Run the benchmark from the repository root, as bench/run.sh does.");
        return new RigInputs(image, entry, Require(NodeImageVariable), servers);
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new BenchSetupException($"{name} is not set. Run the benchmark through bench/run.sh, or source .rig/env first.");
}

/// <summary>The benchmark cannot run as configured; the message says what to do.</summary>
public sealed class BenchSetupException(string message) : Exception(message);
