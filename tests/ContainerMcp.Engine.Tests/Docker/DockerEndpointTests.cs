using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

public sealed class DockerEndpointTests
{
    [Fact]
    public void Default_is_the_local_docker_socket()
    {
        Assert.Equal("unix:///var/run/docker.sock", DockerEndpoint.Default.ToString());
        Assert.Equal("/var/run/docker.sock", DockerEndpoint.Default.SocketPath);
        Assert.False(DockerEndpoint.Default.UseTls);
    }

    [Fact]
    public void Unix_host_keeps_its_socket_path()
    {
        var endpoint = DockerEndpoint.Parse("unix:///run/user/1000/docker.sock");

        Assert.Equal("unix", endpoint.Uri.Scheme);
        Assert.Equal("/run/user/1000/docker.sock", endpoint.SocketPath);
        Assert.Equal("unix:///run/user/1000/docker.sock", endpoint.ToString());
        Assert.False(endpoint.UseTls);
    }

    [Fact]
    public void Tcp_host_without_tls_is_plain_http()
    {
        var endpoint = DockerEndpoint.Parse("tcp://10.0.0.5:2375");

        Assert.Equal("10.0.0.5", endpoint.Uri.Host);
        Assert.Equal(2375, endpoint.Uri.Port);
        Assert.Null(endpoint.SocketPath);
        Assert.False(endpoint.UseTls);
        Assert.Equal("tcp://10.0.0.5:2375", endpoint.ToString());
    }

    [Theory]
    [InlineData("tcp://docker.example", false, 2375)]
    [InlineData("tcp://docker.example", true, 2376)]
    [InlineData("tcp://docker.example/", false, 2375)]
    public void Tcp_host_without_port_gets_dockers_conventional_port(string host, bool tlsVerify, int expectedPort)
    {
        Assert.Equal(expectedPort, DockerEndpoint.Parse(host, tlsVerify).Uri.Port);
    }

    [Fact]
    public void Tls_verify_turns_on_tls_with_certificates_from_home_by_default()
    {
        var endpoint = DockerEndpoint.Parse("tcp://docker.example:2376", tlsVerify: true);

        Assert.True(endpoint.UseTls);
        Assert.True(endpoint.TlsVerify);
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker"), endpoint.CertPath);
    }

    [Fact]
    public void Cert_path_on_port_2376_means_tls_without_verification()
    {
        var endpoint = DockerEndpoint.Parse("tcp://docker.example:2376", certPath: "/etc/docker-certs");

        Assert.True(endpoint.UseTls);
        Assert.False(endpoint.TlsVerify);
        Assert.Equal("/etc/docker-certs", endpoint.CertPath);
    }

    [Fact]
    public void Cert_path_on_plain_port_stays_plain()
    {
        Assert.False(DockerEndpoint.Parse("tcp://docker.example:2375", certPath: "/etc/docker-certs").UseTls);
    }

    [Fact]
    public void Tls_settings_are_ignored_for_a_unix_socket()
    {
        var endpoint = DockerEndpoint.Parse("unix:///var/run/docker.sock", tlsVerify: true, certPath: "/etc/docker-certs");

        Assert.False(endpoint.UseTls);
        Assert.False(endpoint.TlsVerify);
    }

    [Theory]
    [InlineData("npipe:////server/pipe/docker_engine")]
    [InlineData("ssh://me@docker.example")]
    [InlineData("http://localhost:2375")]
    [InlineData("/var/run/docker.sock")]
    [InlineData("unix://var/run/docker.sock")]
    [InlineData("tcp://")]
    [InlineData("tcp://docker.example:2375/some/path")]
    public void Unsupported_or_malformed_host_is_rejected_naming_the_value(string dockerHost)
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Parse(dockerHost));

        Assert.Contains($"'{dockerHost}'", error.Message);
        Assert.Equal("dockerHost", error.ParamName);
    }

    [Fact]
    public void Unsupported_scheme_error_says_what_is_supported()
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Parse("ssh://me@docker.example"));

        Assert.Contains("ssh://", error.Message);
        Assert.Contains("unix://", error.Message);
        Assert.Contains("tcp://", error.Message);
        Assert.Contains("npipe://", error.Message);
    }

    [Fact]
    public void Endpoints_with_the_same_settings_are_equal()
    {
        Assert.Equal(DockerEndpoint.Parse("unix:///var/run/docker.sock"), DockerEndpoint.Default);
    }
}

/// <summary>Changes process environment variables, so it runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}

[Collection(EnvironmentCollection.Name)]
public sealed class DockerEndpointEnvironmentTests
{
    [Fact]
    public void Unset_docker_host_means_the_local_socket()
    {
        WithEnvironment(null, null, null, () => Assert.Equal(DockerEndpoint.Default, DockerEndpoint.FromEnvironment()));
    }

    [Fact]
    public void Docker_host_and_tls_variables_are_read_like_the_docker_cli()
    {
        WithEnvironment("tcp://docker.example:2376", "1", "/etc/docker-certs", () =>
        {
            var endpoint = DockerEndpoint.FromEnvironment();

            Assert.Equal("tcp://docker.example:2376", endpoint.ToString());
            Assert.True(endpoint.UseTls);
            Assert.True(endpoint.TlsVerify);
            Assert.Equal("/etc/docker-certs", endpoint.CertPath);
        });
    }

    [Fact]
    public void Tls_verify_set_to_0_leaves_verification_off()
    {
        WithEnvironment("tcp://docker.example:2375", "0", null, () => Assert.False(DockerEndpoint.FromEnvironment().UseTls));
    }

    [Fact]
    public void Bad_docker_host_in_the_environment_fails_naming_it()
    {
        WithEnvironment("npipe:////server/pipe/docker_engine", null, null, () =>
        {
            var error = Assert.Throws<ArgumentException>(DockerEndpoint.FromEnvironment);
            Assert.Contains("npipe:////server/pipe/docker_engine", error.Message);
        });
    }

    [Theory]
    [InlineData(true, "npipe:////./pipe/docker_engine")]
    [InlineData(false, "unix:///var/run/docker.sock")]
    public void Unset_docker_host_means_the_engine_the_docker_cli_would_use_there(bool windows, string expected)
    {
        WithEnvironment(null, null, null, () => Assert.Equal(expected, DockerEndpoint.FromEnvironment(windows).ToString()));
    }

    [Fact]
    public void Docker_host_wins_over_the_windows_default()
    {
        WithEnvironment("npipe:////./pipe/podman-machine-default", null, null, () =>
            Assert.Equal("podman-machine-default", DockerEndpoint.FromEnvironment(windows: true).PipeName));
    }

    private static void WithEnvironment(string? host, string? tlsVerify, string? certPath, Action test)
    {
        string?[] saved = [Get("DOCKER_HOST"), Get("DOCKER_TLS_VERIFY"), Get("DOCKER_CERT_PATH")];
        try
        {
            Set("DOCKER_HOST", host);
            Set("DOCKER_TLS_VERIFY", tlsVerify);
            Set("DOCKER_CERT_PATH", certPath);
            test();
        }
        finally
        {
            Set("DOCKER_HOST", saved[0]);
            Set("DOCKER_TLS_VERIFY", saved[1]);
            Set("DOCKER_CERT_PATH", saved[2]);
        }

        static string? Get(string name) => Environment.GetEnvironmentVariable(name);
        static void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
    }
}
