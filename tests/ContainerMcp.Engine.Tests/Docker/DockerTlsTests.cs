using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

/// <summary>tcp + TLS against a scripted daemon with certificates made on the spot, as DOCKER_CERT_PATH holds them.</summary>
public sealed class DockerTlsTests : IDisposable
{
    private readonly string _certPath = Directory.CreateTempSubdirectory("containermcp-tls-").FullName;
    private readonly X509Certificate2 _ca = CreateCa("CN=ContainerMcp test CA");

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_certPath, recursive: true);
    }

    [Fact]
    public async Task Verified_tls_presents_the_client_certificate_and_trusts_the_given_ca()
    {
        WriteCertPath(_ca);
        using var serverCertificate = Issue(_ca, "CN=localhost", serverAuth: true);
        await using var daemon = new ScriptedTlsDaemon(serverCertificate);
        using var client = new DockerClient(DockerEndpoint.Parse($"tcp://localhost:{daemon.Port}", tlsVerify: true, certPath: _certPath));

        await client.PingAsync();

        Assert.Equal("1.41", await client.GetApiVersionAsync());
        Assert.Equal("CN=ContainerMcp test client", daemon.ClientCertificateSubject);
    }

    [Fact]
    public async Task Attach_over_tls_half_closes_with_close_notify_and_keeps_reading()
    {
        WriteCertPath(_ca);
        using var serverCertificate = Issue(_ca, "CN=localhost", serverAuth: true);
        await using var daemon = new ScriptedTlsDaemon(serverCertificate);
        using var client = new DockerClient(DockerEndpoint.Parse($"tcp://localhost:{daemon.Port}", tlsVerify: true, certPath: _certPath));

        await using var stream = await client.AttachContainerAsync("abc");
        await stream.WriteAsync("input"u8.ToArray());
        await stream.CloseWriteAsync();

        Assert.Equal("input", await daemon.AttachInput.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("early+after-eof", await new StreamReader(stream).ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Daemon_certificate_from_another_ca_is_refused()
    {
        WriteCertPath(_ca);
        using var otherCa = CreateCa("CN=Somebody else's CA");
        using var serverCertificate = Issue(otherCa, "CN=localhost", serverAuth: true);
        await using var daemon = new ScriptedTlsDaemon(serverCertificate);
        using var client = new DockerClient(DockerEndpoint.Parse($"tcp://localhost:{daemon.Port}", tlsVerify: true, certPath: _certPath));

        var error = await Assert.ThrowsAsync<DockerUnreachableException>(() => client.PingAsync());

        Assert.Contains("TLS handshake failed", error.Message);
        Assert.Contains($"tcp://localhost:{daemon.Port}", error.Message);
    }

    [Fact]
    public async Task Daemon_certificate_for_another_host_name_is_refused_naming_both()
    {
        WriteCertPath(_ca);
        using var serverCertificate = Issue(_ca, "CN=other.example", serverAuth: true, serverName: "other.example");
        await using var daemon = new ScriptedTlsDaemon(serverCertificate);
        using var client = new DockerClient(DockerEndpoint.Parse($"tcp://localhost:{daemon.Port}", tlsVerify: true, certPath: _certPath));

        var error = await Assert.ThrowsAsync<DockerUnreachableException>(() => client.PingAsync());

        Assert.Contains("made out for 'other.example', not for 'localhost'", error.Message);
        Assert.Contains("DOCKER_CERT_PATH", error.Message);
    }

    [Fact]
    public async Task Missing_ca_file_is_reported_with_its_path()
    {
        using var client = new DockerClient(DockerEndpoint.Parse("tcp://localhost:2376", tlsVerify: true, certPath: _certPath));

        var error = await Assert.ThrowsAsync<DockerEngineException>(() => client.PingAsync());

        Assert.Contains(Path.Combine(_certPath, "ca.pem"), error.Message);
    }

    private void WriteCertPath(X509Certificate2 ca)
    {
        using var clientCertificate = Issue(ca, "CN=ContainerMcp test client", serverAuth: false);
        File.WriteAllText(Path.Combine(_certPath, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_certPath, "cert.pem"), clientCertificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_certPath, "key.pem"), clientCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool serverAuth, string serverName = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(serverName);
            if (serverName == "localhost") names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Answers just enough of the Engine API over TLS: /version, /_ping, a container's inspect, and an attach that
    /// takes what it read until close_notify, then writes once more so the client can prove it still reads after its
    /// half-close. Its output is multiplexed, as for a container without a TTY.
    /// </summary>
    private sealed class ScriptedTlsDaemon : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        public ScriptedTlsDaemon(X509Certificate2 certificate)
        {
            _certificate = certificate;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public string? ClientCertificateSubject { get; private set; }
        public TaskCompletionSource<string> AttachInput { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(connection);
            }
        }

        private async Task ServeAsync(TcpClient connection)
        {
            using (connection)
            await using (var tls = new SslStream(connection.GetStream()))
            {
                try
                {
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _certificate,
                        ClientCertificateRequired = true,
                        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                        {
                            ClientCertificateSubject = certificate?.Subject;
                            return true;
                        },
                    }, _stop.Token);
                    var head = await ReadHeadAsync(tls);
                    if (head.Contains("Upgrade: tcp", StringComparison.Ordinal))
                    {
                        await tls.WriteAsync((byte[])[.. "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"u8, .. ContainerStdioTests.Frames((1, "early"))], _stop.Token);
                        var input = new MemoryStream();
                        await tls.CopyToAsync(input, _stop.Token);
                        AttachInput.TrySetResult(Encoding.ASCII.GetString(input.ToArray()));
                        await tls.WriteAsync(ContainerStdioTests.Frames((1, "+after-eof")), _stop.Token);
                        await tls.ShutdownAsync();
                        return;
                    }

                    var body = head.StartsWith("GET /version", StringComparison.Ordinal) ? """{"ApiVersion":"1.41","Version":"20.10"}"""
                        : head.StartsWith("GET /v1.41/containers/abc/json", StringComparison.Ordinal) ? """{"Id":"abc","Config":{"Tty":false}}"""
                        : "OK";
                    await tls.WriteAsync(Encoding.ASCII.GetBytes(
                        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), _stop.Token);
                }
                catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
                {
                    // The client hung up or refused our certificate; that is what some tests want.
                }
            }
        }

        private static async Task<string> ReadHeadAsync(Stream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
            {
                head.Append((char)one[0]);
            }

            return head.ToString();
        }
    }
}
