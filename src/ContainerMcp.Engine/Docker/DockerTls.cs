using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// TLS settings for a tcp endpoint, following the Docker CLI: client certificate from <c>cert.pem</c>/<c>key.pem</c>,
/// and with verification on, the daemon's certificate must chain to <c>ca.pem</c> and match the host name.
/// </summary>
internal static class DockerTls
{
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

            options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                IsTrusted(roots, certificate, chain, errors);
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

    private static bool IsTrusted(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null ||
            errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) ||
            errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
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

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
