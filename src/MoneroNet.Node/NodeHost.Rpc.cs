using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MoneroNet.Node.CommandLine;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Security;

namespace MoneroNet.Node;

/// <summary>How the node's RPC servers are configured from its options (monerod's rpc_args + core_rpc_server::init).</summary>
public static partial class NodeHost
{
    /// <summary>monerod keeps a generated RPC certificate as &lt;data-dir&gt;/rpc_ssl.crt and .key.</summary>
    private const string GeneratedCertificateName = "rpc_ssl";

    /// <summary>
    /// The main server (restricted with --restricted-rpc) and, with --rpc-restricted-bind-port, a second, restricted
    /// one on --rpc-restricted-bind-ip. Both share the login, the TLS settings and --disable-rpc-ban, as in monerod;
    /// each listens on its IPv6 address too with --rpc-use-ipv6, and keeps its own RPC fail scores.
    /// </summary>
    public static IReadOnlyList<RpcServerOptions> RpcServerOptionsFor(NodeOptions options, RpcLogin? login, X509Certificate2? certificate,
        RpcClientCertificates? clientCertificates = null)
    {
        // Client certificates imply TLS, whatever --rpc-ssl says (monerod's rpc_args: ssl_required).
        var tls = clientCertificates is not null ? RpcTlsMode.Enabled : options.RpcSsl switch
        {
            RpcSslMode.Enabled => RpcTlsMode.Enabled,
            RpcSslMode.Disabled => RpcTlsMode.Disabled,
            _ => RpcTlsMode.Autodetect,
        };
        var main = new RpcServerOptions
        {
            BindIp = options.RpcBindIp,
            Port = options.RpcBindPort,
            BindIpv6 = options.RpcUseIpv6 ? options.RpcBindIpv6Address : null,
            Restricted = options.RestrictedRpc,
            Login = login,
            Tls = tls,
            Certificate = certificate,
            MaxConnections = options.RpcMaxConnections,
            MaxConnectionsPerPublicIp = options.RpcMaxConnectionsPerPublicIp,
            MaxConnectionsPerPrivateIp = options.RpcMaxConnectionsPerPrivateIp,
            DisableRpcBan = options.DisableRpcBan,
            IgnoreIpv4BindFailure = options.RpcIgnoreIpv4,
            AccessControlOrigins = options.RpcAccessControlOrigins,
            ClientCertificates = clientCertificates,
        };
        if (options.RpcRestrictedBindPort is not { } restrictedPort)
            return [main];
        var restricted = main with
        {
            BindIp = options.RpcRestrictedBindIp,
            Port = restrictedPort,
            BindIpv6 = options.RpcUseIpv6 ? options.RpcRestrictedBindIpv6Address : null,
            Restricted = true,
        };
        return [main, restricted];
    }

    /// <summary>
    /// The TLS certificate: --rpc-ssl-certificate with --rpc-ssl-private-key, else the pair monerod would generate and
    /// keep in the data directory; null with --rpc-ssl disabled.
    /// </summary>
    public static X509Certificate2? RpcCertificateFor(NodeOptions options, TimeProvider time)
    {
        if (options.RpcSsl == RpcSslMode.Disabled && !options.RpcSslVerifiesClients)
            return null;
        if (options.RpcSslCertificate is not null || options.RpcSslPrivateKey is not null)
        {
            if (options.RpcSslCertificate is null || options.RpcSslPrivateKey is null)
                throw new IOException("--rpc-ssl-certificate and --rpc-ssl-private-key must be given together");
            return RpcCertificate.LoadPem(options.RpcSslCertificate, options.RpcSslPrivateKey);
        }
        return RpcCertificate.LoadOrCreate(Path.Combine(options.DataDir, GeneratedCertificateName), time);
    }

    /// <summary>
    /// The client-certificate policy of --rpc-ssl-allowed-fingerprints / --rpc-ssl-ca-certificates /
    /// --rpc-ssl-allow-chained; null when no client certificate is asked for (none given, or --rpc-ssl-allow-any-cert).
    /// </summary>
    public static RpcClientCertificates? RpcClientCertificatesFor(NodeOptions options)
    {
        if (!options.RpcSslVerifiesClients)
            return null;
        var authorities = options.RpcSslCaCertificates is { } path ? RpcClientCertificates.LoadAuthorities(path) : null;
        return new RpcClientCertificates(options.RpcSslAllowedFingerprints, authorities, options.RpcSslAllowChained);
    }

    /// <summary>Reads the CA file, turning file and PEM problems into one line for the operator.</summary>
    private static RpcClientCertificates? TryLoadClientCertificates(NodeOptions options, out string? error)
    {
        try
        {
            error = null;
            return RpcClientCertificatesFor(options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            error = $"Failed to load user CA file at {options.RpcSslCaCertificates}: {ex.Message}";
            return null;
        }
    }

    /// <summary>Reads the certificate, turning file and PEM problems into one line for the operator.</summary>
    private static X509Certificate2? TryLoadCertificate(NodeOptions options, out string? error)
    {
        try
        {
            error = null;
            return RpcCertificateFor(options, TimeProvider.System);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            error = $"RPC SSL certificate: {ex.Message}";
            return null;
        }
    }
}
