using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MoneroNet.Rpc.Security;

/// <summary>
/// The RPC server's TLS certificate: from PEM files (--rpc-ssl-certificate, --rpc-ssl-private-key), or self-signed
/// like monerod's (an EC key, valid for 182 days from now). monerod keeps its generated pair as
/// <c>&lt;data-dir&gt;/rpc_ssl.crt</c> and <c>.key</c> and reuses it on the next start; <see cref="LoadOrCreate"/> does the same.
/// </summary>
public static class RpcCertificate
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(182);

    /// <summary>Loads a PEM certificate and its PEM private key (RSA or EC, PKCS#8 or traditional).</summary>
    public static X509Certificate2 LoadPem(string certificatePath, string privateKeyPath) =>
        X509Certificate2.CreateFromPemFile(certificatePath, privateKeyPath);

    /// <summary>A fresh self-signed certificate with an EC P-256 key (monerod uses secp256k1, which TLS clients rarely accept).</summary>
    public static X509Certificate2 CreateSelfSigned(TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=MoneroNet RPC", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server auth
        var now = time.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-1), now + Validity);
    }

    /// <summary>
    /// <c>basePath</c>.crt + .key when both exist, a new self-signed pair saved there when neither does (files readable
    /// by the owner only); one without the other is an error, as in monerod.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string basePath, TimeProvider time)
    {
        var certificatePath = basePath + ".crt";
        var keyPath = basePath + ".key";
        var haveCertificate = File.Exists(certificatePath);
        if (haveCertificate != File.Exists(keyPath))
            throw new IOException($"Certificate (.crt) and private key (.key) files must both exist or both not exist at path: {basePath}");
        if (haveCertificate)
            return LoadPem(certificatePath, keyPath);

        var certificate = CreateSelfSigned(time);
        var key = certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("generated certificate has no EC key");
        // Both files are written in full under temporary names and only then renamed into place, key first: a full
        // disk or a kill part-way leaves no half-written pair that the next start would refuse.
        var keyTemp = keyPath + ".tmp";
        var certificateTemp = certificatePath + ".tmp";
        try
        {
            DeleteQuietly(keyTemp); // left by a start that was killed while writing
            DeleteQuietly(certificateTemp);
            WritePrivate(keyTemp, key.ExportPkcs8PrivateKeyPem());
            WritePrivate(certificateTemp, certificate.ExportCertificatePem());
            File.Move(keyTemp, keyPath);
            File.Move(certificateTemp, certificatePath);
        }
        catch
        {
            DeleteQuietly(keyTemp);
            DeleteQuietly(certificateTemp);
            if (!File.Exists(certificatePath)) DeleteQuietly(keyPath);
            certificate.Dispose();
            throw;
        }
        return certificate;
    }

    private static void DeleteQuietly(string path)
    {
        try { File.Delete(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }
}
