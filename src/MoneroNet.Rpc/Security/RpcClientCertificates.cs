using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MoneroNet.Rpc.Security;

/// <summary>
/// Which client certificates the RPC server accepts, as monerod's ssl_options_t verifies them on its server side
/// (--rpc-ssl-allowed-fingerprints, --rpc-ssl-ca-certificates, --rpc-ssl-allow-chained; docs/PROTOCOL.md §7): a client
/// must present a certificate, and it passes when its SHA-256 fingerprint is listed, or when it is itself one of the CA
/// file's certificates (monerod's verify depth 0), or — with <see cref="AllowChained"/> — when it chains up to one of
/// them. Expiry and revocation are not checked, as OpenSSL's depth-0 check with a user CA file does not.
/// </summary>
public sealed class RpcClientCertificates
{
    private readonly HashSet<string> _fingerprints;

    public RpcClientCertificates(IEnumerable<byte[]> fingerprints, X509Certificate2Collection? authorities, bool allowChained)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        _fingerprints = new HashSet<string>(fingerprints.Select(Convert.ToHexString), StringComparer.Ordinal);
        Authorities = authorities ?? [];
        AllowChained = allowChained;
    }

    /// <summary>The certificates of the CA file.</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>--rpc-ssl-allow-chained.</summary>
    public bool AllowChained { get; }

    /// <summary>Kestrel's ClientCertificateValidation: the platform's own chain verdict is not used.</summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (_fingerprints.Contains(Convert.ToHexString(SHA256.HashData(certificate.RawData))))
            return true;
        foreach (var authority in Authorities)
        {
            if (authority.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
                return true;
        }
        if (!AllowChained || Authorities.Count == 0)
            return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return custom.Build(certificate);
    }

    /// <summary>Reads a file of concatenated PEM certificates (--rpc-ssl-ca-certificates).</summary>
    public static X509Certificate2Collection LoadAuthorities(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        if (collection.Count == 0)
            throw new CryptographicException($"no certificate in {path}");
        return collection;
    }
}
