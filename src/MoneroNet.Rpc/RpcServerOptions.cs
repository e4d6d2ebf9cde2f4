using System.Net;
using System.Security.Cryptography.X509Certificates;
using MoneroNet.Rpc.Security;

namespace MoneroNet.Rpc;

/// <summary>Where and how the daemon RPC server listens (monerod's --rpc-bind-ip, --rpc-bind-port, … options).</summary>
public sealed record RpcServerOptions
{
    /// <summary>monerod's MAX_RPC_CONTENT_LENGTH: request line + headers + body of one request.</summary>
    public const int DefaultMaxRequestBytes = 1_048_576;

    /// <summary>The IPv4 (or any) address to listen on (--rpc-bind-ip, default 127.0.0.1).</summary>
    public IPAddress BindIp { get; init; } = IPAddress.Loopback;

    /// <summary>The port (--rpc-bind-port); 0 picks a free port per address, see <see cref="RpcServer.BoundEndPoints"/>.</summary>
    public int Port { get; init; } = 18081;

    /// <summary>An IPv6 address to listen on as well, on the same port (--rpc-bind-ipv6-address with --rpc-use-ipv6); null for none.</summary>
    public IPAddress? BindIpv6 { get; init; }

    /// <summary>--restricted-rpc: refuse the methods monerod refuses to untrusted callers.</summary>
    public bool Restricted { get; init; }

    /// <summary>--rpc-login: digest authentication required on every request; null for none.</summary>
    public RpcLogin? Login { get; init; }

    /// <summary>--rpc-ssl: plain HTTP, TLS, or both on the same port (the node defaults to autodetect, as monerod).</summary>
    public RpcTlsMode Tls { get; init; } = RpcTlsMode.Disabled;

    /// <summary>The TLS certificate (with its private key); null makes a self-signed one at start when TLS is on.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>A request larger than this in total is answered by closing the connection.</summary>
    public int MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>--rpc-max-connections: connections the server holds at once (monerod's DEFAULT_RPC_MAX_CONNECTIONS).</summary>
    public int MaxConnections { get; init; } = 100;

    /// <summary>--rpc-max-connections-per-public-ip: per public IPv4 address or global IPv6 /64.</summary>
    public int MaxConnectionsPerPublicIp { get; init; } = 3;

    /// <summary>--rpc-max-connections-per-private-ip: per loopback or private address.</summary>
    public int MaxConnectionsPerPrivateIp { get; init; } = 25;

    /// <summary>
    /// --disable-rpc-ban: failing requests add nothing to the caller's RPC fail score, so RPC never bans a host
    /// (connections from hosts banned otherwise are still refused, as in monerod; docs/PROTOCOL.md §7.8).
    /// </summary>
    public bool DisableRpcBan { get; init; }

    /// <summary>
    /// --rpc-ignore-ipv4: when the IPv4 address cannot be bound, the server goes on with <see cref="BindIpv6"/> alone
    /// (monerod's require_ipv4 = false). Without an IPv6 address the failure still stops the start.
    /// </summary>
    public bool IgnoreIpv4BindFailure { get; init; }

    /// <summary>--rpc-access-control-origins: origins answered with CORS headers ("*" = any); empty = none.</summary>
    public IReadOnlyList<string> AccessControlOrigins { get; init; } = [];

    /// <summary>
    /// Client certificates required over TLS (--rpc-ssl-allowed-fingerprints, --rpc-ssl-ca-certificates); null = none
    /// asked for. Plain HTTP is not served then: the node turns TLS on, as monerod does.
    /// </summary>
    public RpcClientCertificates? ClientCertificates { get; init; }

    /// <summary>
    /// How long a kept-alive connection may sit idle between requests: monerod's DEFAULT_TIMEOUT_MS_REMOTE (its
    /// loopback clients get 30 minutes; Kestrel has one value for all).
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a client has to send a request's headers: monerod's NEW_CONNECTION_TIMEOUT_REMOTE.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConnections);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConnectionsPerPublicIp);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConnectionsPerPrivateIp);
        if (MaxConnections < MaxConnectionsPerPublicIp)
            throw new ArgumentException("--rpc-max-connections-per-public-ip is bigger than --rpc-max-connections", nameof(MaxConnectionsPerPublicIp));
        if (MaxConnections < MaxConnectionsPerPrivateIp)
            throw new ArgumentException("--rpc-max-connections-per-private-ip is bigger than --rpc-max-connections", nameof(MaxConnectionsPerPrivateIp));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAliveTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestHeadersTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(BindIp);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBytes, 1024);
        if (Certificate is { HasPrivateKey: false })
            throw new ArgumentException("the RPC TLS certificate has no private key", nameof(Certificate));
    }
}
