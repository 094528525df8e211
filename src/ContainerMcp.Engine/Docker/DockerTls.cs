using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// TLS settings for a tcp endpoint, following the Docker CLI: client certificate from <c>cert.pem</c>/<c>key.pem</c>,
/// and with verification on, the daemon's certificate must chain to <c>ca.pem</c> and match the host name.
/// </summary>
internal static class DockerTls
{
    // Why our check refused a daemon's certificate, per TLS stream: the handshake itself only says "rejected".
    private static readonly ConditionalWeakTable<object, string> Refusals = new();

    /// <summary>Why the certificate check refused the daemon on this stream, when it did.</summary>
    public static string? RefusalOf(SslStream stream) => Refusals.TryGetValue(stream, out var why) ? why : null;
    public static SslClientAuthenticationOptions CreateOptions(DockerEndpoint endpoint)
    {
        var folder = endpoint.CertPath
            ?? throw new InvalidOperationException("TLS options were requested for an endpoint without a certificate folder.");
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.Uri.IdnHost,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };

        var clientCertificate = LoadClientCertificate(endpoint, folder);
        if (clientCertificate is not null)
        {
            options.ClientCertificates = [clientCertificate];
        }

        if (endpoint.TlsVerify)
        {
            var caFile = Path.Combine(folder, "ca.pem");
            var roots = new X509Certificate2Collection();
            try
            {
                roots.ImportFromPemFile(caFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new DockerEngineException(
                    $"TLS verification is on for {endpoint}, but the CA certificate {caFile} cannot be read ({ex.Message}). " +
                    "Set DOCKER_CERT_PATH to the folder holding ca.pem, cert.pem and key.pem.", innerException: ex);
            }

            var host = endpoint.Uri.IdnHost;
            options.RemoteCertificateValidationCallback = (stream, certificate, chain, errors) =>
            {
                var refusal = Refusal(roots, caFile, host, certificate, chain, errors);
                if (refusal is not null) Refusals.AddOrUpdate(stream, refusal);
                return refusal is null;
            };
        }
        else
        {
            // TLS without DOCKER_TLS_VERIFY means "encrypt, don't authenticate the daemon", as in the Docker CLI.
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        return options;
    }

    private static X509Certificate2? LoadClientCertificate(DockerEndpoint endpoint, string folder)
    {
        var certFile = Path.Combine(folder, "cert.pem");
        var keyFile = Path.Combine(folder, "key.pem");
        if (!File.Exists(certFile) && !File.Exists(keyFile))
        {
            return null;
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            if (!OperatingSystem.IsWindows())
            {
                return certificate;
            }

            // SChannel cannot use the ephemeral key CreateFromPemFile produces; a PKCS#12 round trip persists it.
            using (certificate)
            {
                return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new DockerEngineException(
                $"The client certificate for {endpoint} cannot be loaded from {certFile} and {keyFile} ({ex.Message}).",
                innerException: ex);
        }
    }

    /// <summary>Null when the daemon's certificate is trusted; otherwise why not, for the error message.</summary>
    private static string? Refusal(X509Certificate2Collection roots, string caFile, string host, X509Certificate? certificate,
        X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the daemon presented no certificate";
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"the daemon's certificate is made out for {NamesOf(leaf)}, not for '{host}'";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the daemon sent along with its leaf.
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf) ? null : $"the daemon's certificate does not chain to the CA in {caFile}";
    }

    private static string NamesOf(X509Certificate2 certificate)
    {
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())))
            .Select(name => $"'{name}'").ToList();
        return names.Count > 0 ? string.Join(", ", names) : $"'{certificate.GetNameInfo(X509NameType.SimpleName, false)}' only";
    }
}
