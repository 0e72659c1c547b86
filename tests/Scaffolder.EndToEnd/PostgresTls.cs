using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Scaffolder.EndToEnd;

/// <summary>
/// A self-signed certificate for the suite's PostgreSQL, so that it speaks TLS as the hosts' databases do and the
/// overlay's <c>sslmode=require</c> is met by a real handshake.
/// </summary>
public sealed record PostgresTls(string CertificateFile, string KeyFile)
{
    public static PostgresTls Create(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        var tls = new PostgresTls(Path.Join(folder, "server.crt"), Path.Join(folder, "server.key"));
        File.WriteAllText(tls.CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(tls.KeyFile, key.ExportPkcs8PrivateKeyPem());
        // PostgreSQL refuses a key that others may read.
        File.SetUnixFileMode(tls.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return tls;
    }

    public string[] ServerArguments =>
        ["-c", "ssl=on", "-c", $"ssl_cert_file={CertificateFile}", "-c", $"ssl_key_file={KeyFile}"];
}
