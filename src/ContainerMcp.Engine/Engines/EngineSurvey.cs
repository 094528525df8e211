using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Engines;

/// <summary>
/// Asks every engine candidate of a session what it is (Get-McpEngine): <c>/version</c> and <c>/info</c>, all engines
/// at once, each within <see cref="Timeout"/>. An engine the session already uses is asked through its client.
/// </summary>
public sealed class EngineSurvey(SessionEngines engines)
{
    /// <summary>How long one engine may take to answer (Podman's /version runs its runtime to report versions).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every candidate, in discovery order, reachable or not (see <see cref="EngineDescription.Reachable"/>).</summary>
    public async Task<IReadOnlyList<EngineDescription>> DescribeAsync(CancellationToken ct = default)
    {
        var candidates = engines.Discovery.Candidates().ToList();
        string? defaultKey = null;
        var inUse = new Dictionary<string, EngineConnection>();
        try
        {
            defaultKey = EngineCandidate.KeyOf(engines.Default.Endpoint);
            inUse = engines.InUse.ToDictionary(c => EngineCandidate.KeyOf(c.Endpoint));
        }
        catch (UnknownEngineException)
        {
            // The default chosen cannot be used (a DOCKER_CONTEXT the store lacks, an ssh:// host): it is listed, with why.
            var broken = engines.Discovery.ChooseDefault();
            candidates.RemoveAll(c => c.Name == broken.Name);
            candidates.Insert(0, broken);
            defaultKey = "name:" + broken.Name;
        }
        // An engine this session reached by an endpoint no candidate has (say -Engine tcp://…) is listed too.
        candidates.AddRange(inUse.Values
            .Where(c => candidates.All(k => k.Endpoint is not { } e || EngineCandidate.KeyOf(e) != EngineCandidate.KeyOf(c.Endpoint)))
            .Select(c => new EngineCandidate(c.Name, c.Endpoint, "used by this session")));
        return await Task.WhenAll(candidates.Select(c => DescribeAsync(c, defaultKey, inUse, ct)));
    }

    /// <summary>Podman when a component of its /version is "Podman Engine"; Docker otherwise.</summary>
    internal static EngineKind KindOf(Docker.Models.DockerVersionReport version) =>
        version.Components?.Any(c => c.Name.StartsWith("Podman", StringComparison.OrdinalIgnoreCase)) == true ? EngineKind.Podman : EngineKind.Docker;

    /// <summary>True when /info's security options hold <c>name=rootless</c> (each option is "name=…,key=value…").</summary>
    internal static bool IsRootless(Docker.Models.DockerSystemInfo info) =>
        info.SecurityOptions?.Any(o => o.Split(',').Contains("name=rootless", StringComparer.Ordinal)) ?? false;

    private async Task<EngineDescription> DescribeAsync(EngineCandidate candidate, string? defaultKey,
        Dictionary<string, EngineConnection> inUse, CancellationToken ct)
    {
        var description = new EngineDescription(candidate.Name, candidate.EndpointText, candidate.Source);
        if (candidate.Endpoint is not { } endpoint)
            return description with { Problem = candidate.Problem, IsDefault = defaultKey == "name:" + candidate.Name };
        var key = EngineCandidate.KeyOf(endpoint);
        description = description with { IsDefault = key == defaultKey };
        var client = inUse.TryGetValue(key, out var connection) ? connection.Client : null;
        var own = client is null ? new DockerClient(endpoint) : null;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(Timeout);
        try
        {
            var asked = client ?? own!;
            var asking = asked.GetVersionReportAsync(bounded.Token);
            var info = await asked.GetSystemInfoAsync(bounded.Token);
            var version = await asking;
            return description with
            {
                Reachable = true,
                Kind = KindOf(version),
                Version = version.Version,
                ApiVersion = version.ApiVersion,
                Os = version.Os ?? info.OSType,
                OperatingSystem = info.OperatingSystem,
                Rootless = IsRootless(info),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return description with { Problem = $"it did not answer within {Timeout.TotalSeconds:0} s" };
        }
        // One engine's failure, whatever it is, is that engine's Problem: the others are still listed.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return description with { Problem = ex.Message };
        }
        finally
        {
            own?.Dispose();
        }
    }
}
