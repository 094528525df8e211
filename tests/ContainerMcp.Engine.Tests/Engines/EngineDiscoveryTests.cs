using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Engines;

namespace ContainerMcp.Engine.Tests.Engines;

/// <summary>
/// Which engine a name, the environment and a Docker config folder choose, as the docker CLI would: pure reading of
/// variables and files (a temporary DOCKER_CONFIG per test), with "does it answer" given by the test.
/// </summary>
public sealed class EngineDiscoveryTests : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("containermcp-dockerconfig-").FullName;
    private readonly Dictionary<string, string?> _env = new();

    public EngineDiscoveryTests() => _env["DOCKER_CONFIG"] = _config;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    private EngineDiscovery Discovery(bool windows = false, Func<DockerEndpoint, bool>? answers = null) =>
        new(name => _env.GetValueOrDefault(name), windows, answers ?? (_ => true));

    /// <summary>A context as `docker context create` stores it, with TLS material when asked.</summary>
    private string AddContext(string name, string host, bool tls = false, bool skipVerify = false)
    {
        var digest = DockerContextStore.Digest(name);
        var meta = Directory.CreateDirectory(Path.Combine(_config, "contexts", "meta", digest)).FullName;
        File.WriteAllText(Path.Combine(meta, "meta.json"),
            System.Text.Json.JsonSerializer.Serialize(new
            {
                Name = name,
                Metadata = new { },
                Endpoints = new { docker = new { Host = host, SkipTLSVerify = skipVerify } },
            }));
        var tlsFolder = Path.Combine(_config, "contexts", "tls", digest, "docker");
        if (tls)
        {
            Directory.CreateDirectory(tlsFolder);
            foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" }) File.WriteAllText(Path.Combine(tlsFolder, file), "");
        }
        return tlsFolder;
    }

    private void SetCurrentContext(string name) =>
        File.WriteAllText(Path.Combine(_config, "config.json"), $$"""{"auths":{},"currentContext":"{{name}}"}""");

    [Fact]
    public void A_context_folder_is_the_sha256_of_its_name_as_the_docker_cli_writes_it()
    {
        Assert.Equal("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f", DockerContextStore.Digest("default"));
    }

    [Fact]
    public void DOCKER_HOST_wins_over_DOCKER_CONTEXT_and_the_current_context_and_keeps_its_TLS_variables()
    {
        AddContext("remote", "tcp://10.1.1.1:2376", tls: true);
        SetCurrentContext("remote");
        _env["DOCKER_CONTEXT"] = "remote";
        _env["DOCKER_HOST"] = "tcp://10.0.0.5:2376";
        _env["DOCKER_TLS_VERIFY"] = "1";
        _env["DOCKER_CERT_PATH"] = "/certs";

        var chosen = Discovery(answers: _ => false).ChooseDefault();

        Assert.Equal("default", chosen.Name);
        Assert.Equal("DOCKER_HOST", chosen.Source);
        Assert.Equal("tcp://10.0.0.5:2376", chosen.Endpoint!.ToString());
        Assert.True(chosen.Endpoint.TlsVerify);
        Assert.Equal("/certs", chosen.Endpoint.CertPath);
    }

    [Fact]
    public void DOCKER_CONTEXT_wins_over_the_current_context_of_config_json()
    {
        AddContext("one", "tcp://10.0.0.1:2375");
        AddContext("two", "tcp://10.0.0.2:2375");
        SetCurrentContext("one");
        _env["DOCKER_CONTEXT"] = "two";

        Assert.Equal("two", Discovery().ChooseDefault().Name);
        _env.Remove("DOCKER_CONTEXT");
        Assert.Equal("one", Discovery().ChooseDefault().Name);
    }

    [Fact]
    public void A_named_context_is_honoured_even_when_it_does_not_answer()
    {
        AddContext("away", "tcp://10.9.9.9:2375");
        SetCurrentContext("away");

        var chosen = Discovery(answers: _ => false).ChooseDefault();

        Assert.Equal("away", chosen.Name);
        Assert.Equal("tcp://10.9.9.9:2375", chosen.Usable.ToString());
    }

    [Fact]
    public void A_context_with_TLS_material_verifies_against_its_own_ca_unless_SkipTLSVerify()
    {
        var verified = AddContext("verified", "tcp://10.0.0.7:52376", tls: true);
        var skipped = AddContext("skipped", "tcp://10.0.0.8:2376", tls: true, skipVerify: true);

        var discovery = Discovery();
        var one = discovery.Find("verified").Usable;
        var two = discovery.Find("skipped").Usable;

        Assert.True(one.UseTls);
        Assert.True(one.TlsVerify);
        Assert.Equal(verified, one.CertPath);
        Assert.True(two.UseTls);
        Assert.False(two.TlsVerify);
        Assert.Equal(skipped, two.CertPath);
    }

    [Fact]
    public void A_context_without_TLS_material_is_plain()
    {
        AddContext("plain", "tcp://10.0.0.9:2375");

        var endpoint = Discovery().Find("plain").Usable;

        Assert.False(endpoint.UseTls);
        Assert.Null(endpoint.CertPath);
    }

    [Fact]
    public void A_DOCKER_CONTEXT_the_store_lacks_is_an_error_naming_it_and_the_variable()
    {
        _env["DOCKER_CONTEXT"] = "gone";

        var chosen = Discovery().ChooseDefault();
        var error = Assert.Throws<UnknownEngineException>(() => chosen.Usable);

        Assert.Contains("'gone'", error.Message);
        Assert.Contains("DOCKER_CONTEXT", error.Message);
        Assert.Contains(_config, error.Message);
    }

    [Fact]
    public void DOCKER_CONTEXT_default_means_the_docker_cli_default()
    {
        AddContext("remote", "tcp://10.1.1.1:2375");
        SetCurrentContext("remote");
        _env["DOCKER_CONTEXT"] = "default";

        Assert.Equal("unix:///var/run/docker.sock", Discovery().ChooseDefault().Endpoint!.ToString());
    }

    [Fact]
    public void With_nothing_set_the_default_is_the_first_local_engine_that_answers()
    {
        _env["XDG_RUNTIME_DIR"] = "/run/user/1000";

        var podmanOnly = Discovery(answers: e => e.SocketPath == "/run/user/1000/podman/podman.sock").ChooseDefault();
        var dockerToo = Discovery(answers: _ => true).ChooseDefault();
        var none = Discovery(answers: _ => false).ChooseDefault();

        Assert.Equal(EngineDiscovery.PodmanRootlessName, podmanOnly.Name);
        Assert.Equal("default", dockerToo.Name);
        Assert.Equal("default", none.Name);
    }

    [Fact]
    public void CONTAINER_HOST_is_podman_and_the_rootless_socket_is_under_XDG_RUNTIME_DIR()
    {
        _env["CONTAINER_HOST"] = "unix:///srv/podman.sock";
        _env["XDG_RUNTIME_DIR"] = "/run/user/1000/";

        var candidates = Discovery().Candidates();

        Assert.Equal(["default", "podman", "podman-rootless"], candidates.Select(c => c.Name));
        Assert.Equal("unix:///srv/podman.sock", candidates[1].Endpoint!.ToString());
        Assert.Equal("CONTAINER_HOST", candidates[1].Source);
        Assert.Equal("unix:///run/user/1000/podman/podman.sock", candidates[2].Endpoint!.ToString());
    }

    [Fact]
    public void Without_CONTAINER_HOST_podman_is_the_rootful_socket()
    {
        var podman = Discovery().Find("podman");

        Assert.Equal("unix:///run/podman/podman.sock", podman.Usable.ToString());
    }

    [Fact]
    public void On_Windows_the_defaults_are_the_docker_engine_pipe_and_the_podman_machine_pipe()
    {
        var candidates = Discovery(windows: true).Candidates();

        Assert.Equal(["default", "podman-machine-default"], candidates.Select(c => c.Name));
        Assert.Equal("docker_engine", candidates[0].Endpoint!.PipeName);
        Assert.Equal("podman-machine-default", candidates[1].Endpoint!.PipeName);
    }

    [Fact]
    public void Contexts_are_listed_by_name_after_default_and_before_podman()
    {
        AddContext("zeta", "tcp://10.0.0.1:2375");
        AddContext("alpha", "unix:///srv/docker.sock");

        Assert.Equal(["default", "alpha", "zeta", "podman"], Discovery().Candidates().Select(c => c.Name));
    }

    [Fact]
    public void An_unknown_name_is_an_error_that_lists_the_known_engines()
    {
        AddContext("remote", "tcp://10.1.1.1:2375");

        var error = Assert.Throws<UnknownEngineException>(() => Discovery().Find("remtoe"));

        Assert.Equal("remtoe", error.Engine);
        Assert.Contains("No engine is named 'remtoe'", error.Message);
        Assert.Contains("default, remote, podman", error.Message);
        Assert.Equal(EngineErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void An_endpoint_of_a_known_context_is_that_context_with_its_TLS()
    {
        var tls = AddContext("remote", "tcp://10.1.1.1:52376", tls: true);

        var found = Discovery().Find("tcp://10.1.1.1:52376");

        Assert.Equal("remote", found.Name);
        Assert.Equal(tls, found.Usable.CertPath);
    }

    [Fact]
    public void Any_other_endpoint_is_used_as_given_and_a_malformed_one_says_why()
    {
        var found = Discovery().Find("unix:///srv/other.sock");
        var error = Assert.Throws<UnknownEngineException>(() => Discovery().Find("ssh://me@host"));

        Assert.Equal("unix:///srv/other.sock", found.Name);
        Assert.Equal("endpoint", found.Source);
        Assert.Contains("'ssh://me@host' cannot be used", error.Message);
        Assert.Contains("ssh://", error.Message);
    }

    [Fact]
    public void Names_match_exactly_first_then_ignoring_case()
    {
        AddContext("Remote", "tcp://10.1.1.1:2375");

        Assert.Equal("Remote", Discovery().Find("remote").Name);
        Assert.Equal("podman", Discovery().Find("Podman").Name);
    }

    [Fact]
    public void A_context_on_ssh_is_listed_with_why_it_cannot_be_used()
    {
        AddContext("over-ssh", "ssh://me@build-host");

        var candidate = Discovery().Find("over-ssh");
        var error = Assert.Throws<UnknownEngineException>(() => candidate.Usable);

        Assert.Null(candidate.Endpoint);
        Assert.Equal("ssh://me@build-host", candidate.EndpointText);
        Assert.Contains("The engine 'over-ssh' cannot be used: its docker context's host 'ssh://me@build-host' is not one ContainerMcp can reach", error.Message);
    }

    [Fact]
    public void An_unreadable_config_json_names_no_current_context()
    {
        File.WriteAllText(Path.Combine(_config, "config.json"), "{ not json");

        Assert.Null(new DockerContextStore(_config).CurrentContext);
        Assert.Equal("default", Discovery().ChooseDefault().Name);
    }
}
