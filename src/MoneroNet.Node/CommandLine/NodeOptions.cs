using System.Net;
using MoneroNet.Wire;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// The node's settings, parsed and validated from monerod-compatible flags by <see cref="NodeCommandLine"/>.
/// Names follow monerod's flags; defaults are monerod 0.18's, already resolved for the selected network
/// (ports, data directory, log file), so consumers never see "-1 = default" placeholders except where noted.
/// </summary>
public sealed record NodeOptions
{
    /// <summary>monerod's P2P_DEFAULT_CONNECTIONS_COUNT: the outbound target when --out-peers is -1.</summary>
    public const int DefaultOutPeers = 12;

    /// <summary>monerod's MAX_LOG_FILE_SIZE (bytes): a log file rolls over at this size.</summary>
    public const long DefaultMaxLogFileSize = 104_850_000;

    /// <summary>monerod's MAX_LOG_FILES: rolled log files kept besides the current one.</summary>
    public const int DefaultMaxLogFiles = 50;

    /// <summary>Name of the log file in the data directory when --log-file is not given (monerod: bitmonero.log).</summary>
    public const string DefaultLogFileName = "moneronet.log";

    /// <summary>--testnet / --stagenet / --regtest; mainnet when none is given.</summary>
    public required NetworkType Network { get; init; }

    /// <summary>--data-dir as an absolute path, with monerod's "testnet"/"stagenet" subfolder appended for those networks.</summary>
    public required string DataDir { get; init; }

    /// <summary>--config-file, absolute; null when not given. Checked to exist; its contents are not read yet.</summary>
    public string? ConfigFile { get; init; }

    // --- P2P ---

    /// <summary>--p2p-bind-ip (IPv4), default 0.0.0.0.</summary>
    public required IPAddress P2pBindIp { get; init; }

    /// <summary>--p2p-bind-port, default 18080/28080/38080 (regtest as mainnet). 0 lets the OS pick a port.</summary>
    public required ushort P2pBindPort { get; init; }

    /// <summary>--p2p-use-ipv6: also listen on <see cref="P2pBindIpv6Address"/>.</summary>
    public bool P2pUseIpv6 { get; init; }

    /// <summary>--p2p-bind-ipv6-address, default ::.</summary>
    public required IPAddress P2pBindIpv6Address { get; init; }

    /// <summary>--p2p-bind-port-ipv6, default the network's P2P port.</summary>
    public required ushort P2pBindPortIpv6 { get; init; }

    /// <summary>--add-exclusive-node (repeatable): connect only to these; when non-empty, priority nodes are ignored (monerod).</summary>
    public IReadOnlyList<PeerAddress> ExclusiveNodes { get; init; } = [];

    /// <summary>--add-peer (repeatable): seeds the peer list.</summary>
    public IReadOnlyList<PeerAddress> Peers { get; init; } = [];

    /// <summary>--add-priority-node (repeatable): connect to these and keep the connections open.</summary>
    public IReadOnlyList<PeerAddress> PriorityNodes { get; init; } = [];

    /// <summary>--proxy: the public zone is dialled through this SOCKS proxy (and advertises no port).</summary>
    public IPEndPoint? Proxy { get; init; }

    /// <summary>--proxy-allow-dns-leaks: host names of --add-* peers may be resolved outside the proxy.</summary>
    public bool ProxyAllowDnsLeaks { get; init; }

    /// <summary>--tx-proxy (repeatable, one a zone): Tor/I2P peers are dialled through these SOCKS proxies.</summary>
    public IReadOnlyList<P2P.Zones.TxProxy> TxProxies { get; init; } = [];

    /// <summary>--anonymous-inbound (repeatable, one a zone): our hidden services and where their daemon forwards them.</summary>
    public IReadOnlyList<P2P.Zones.AnonymousInbound> AnonymousInbounds { get; init; } = [];

    /// <summary>--max-connections-per-ip, default 1.</summary>
    public int MaxConnectionsPerIp { get; init; } = 1;

    /// <summary>--in-peers as given: -1 (the default) means unlimited. See <see cref="MaxInPeers"/>.</summary>
    public long InPeers { get; init; } = -1;

    /// <summary>--out-peers as given: -1 (the default) means <see cref="DefaultOutPeers"/>. See <see cref="MaxOutPeers"/>.</summary>
    public long OutPeers { get; init; } = -1;

    /// <summary>Inbound connection limit; null when unlimited (--in-peers -1).</summary>
    public long? MaxInPeers => InPeers < 0 ? null : InPeers;

    /// <summary>Outbound connection target: --out-peers, or 12 when it is -1.</summary>
    public long MaxOutPeers => OutPeers < 0 ? DefaultOutPeers : OutPeers;

    /// <summary>--hide-my-port: do not announce our port to peers (my_port 0 in node_data).</summary>
    public bool HideMyPort { get; init; }

    /// <summary>--allow-local-ip: allow local addresses into the peer list.</summary>
    public bool AllowLocalIp { get; init; }

    /// <summary>--ban-list file, absolute; null when not given. Not read here (monerod reads it at P2P start).</summary>
    public string? BanList { get; init; }

    /// <summary>--asn-map file, absolute; null when not given. Loaded by the host at start (beyond monerod).</summary>
    public string? AsnMap { get; init; }

    /// <summary>
    /// The node-wide P2P upload limit in kB/s after --limit-rate-up and --limit-rate (monerod's rules, see
    /// <see cref="NodeOptionsResolver"/>), default 2048; 0 = unlimited. /set_limit changes it while running.
    /// </summary>
    public long LimitRateUp { get; init; } = MoneroNet.P2P.Transport.P2PRateLimits.DefaultUpKBps;

    /// <summary>The node-wide P2P download limit in kB/s after --limit-rate-down and --limit-rate, default 8192; 0 = unlimited.</summary>
    public long LimitRateDown { get; init; } = MoneroNet.P2P.Transport.P2PRateLimits.DefaultDownKBps;

    /// <summary>--offline: no P2P listener and no dials (monerod); the RPC still answers and get_info says offline.</summary>
    public bool Offline { get; init; }

    /// <summary>--seed-node (repeatable): dialled before monerod's built-in seeds when no white peer is known.</summary>
    public IReadOnlyList<PeerAddress> SeedNodes { get; init; } = [];

    /// <summary>--p2p-external-port: advertised as my_port instead of the bound port; 0 (default) = the bound port.</summary>
    public ushort P2pExternalPort { get; init; }

    /// <summary>--p2p-ignore-ipv4: go on with the IPv6 listener when the IPv4 bind fails.</summary>
    public bool P2pIgnoreIpv4 { get; init; }

    /// <summary>
    /// --public-node: the restricted RPC server's port is advertised to peers (node_data.rpc_port), as monerod's
    /// get_public_rpc_port picks it: --rpc-restricted-bind-port, else --rpc-bind-port with --restricted-rpc.
    /// </summary>
    public bool PublicNode { get; init; }

    /// <summary>The port --public-node advertises; null without --public-node.</summary>
    public ushort? PublicRpcPort => !PublicNode ? null : RpcRestrictedBindPort ?? RpcBindPort;

    /// <summary>The names of the monerod settings given that mean nothing here (one warning line at start), sorted.</summary>
    public IReadOnlyList<string> WithoutEffect { get; init; } = [];

    /// <summary>--detach: the node re-executes itself in the background, in a new session, and this process exits 0.</summary>
    public bool Detach { get; init; }

    /// <summary>--pidfile, absolute; written by the detached process, removed when it exits. Only with --detach.</summary>
    public string? Pidfile { get; init; }

    /// <summary>--no-igd: accepted; this node never maps ports with UPnP anyway.</summary>
    public bool NoIgd { get; init; }

    // --- RPC ---

    /// <summary>--rpc-bind-ip, default 127.0.0.1. A non-loopback address requires --confirm-external-bind.</summary>
    public required IPAddress RpcBindIp { get; init; }

    /// <summary>--rpc-bind-port, default 18081/28081/38081 (regtest as mainnet). 0 lets the OS pick a port.</summary>
    public required ushort RpcBindPort { get; init; }

    /// <summary>--rpc-bind-ipv6-address, default ::1.</summary>
    public required IPAddress RpcBindIpv6Address { get; init; }

    /// <summary>--restricted-rpc: restrict the main RPC port to view-only, privacy-safe calls.</summary>
    public bool RestrictedRpc { get; init; }

    /// <summary>--rpc-restricted-bind-ip, default 127.0.0.1.</summary>
    public required IPAddress RpcRestrictedBindIp { get; init; }

    /// <summary>--rpc-restricted-bind-port; null (no restricted server) unless given.</summary>
    public ushort? RpcRestrictedBindPort { get; init; }

    /// <summary>--rpc-restricted-bind-ipv6-address, default ::1 (used with --rpc-use-ipv6; may be external without confirmation, as in monerod).</summary>
    public IPAddress RpcRestrictedBindIpv6Address { get; init; } = IPAddress.IPv6Loopback;

    /// <summary>--rpc-use-ipv6: the RPC servers listen on their IPv6 address as well.</summary>
    public bool RpcUseIpv6 { get; init; }

    /// <summary>--rpc-login as given, <c>username[:password]</c>; null when not given. The user name is non-empty.</summary>
    public string? RpcLogin { get; init; }

    /// <summary>--confirm-external-bind: allow non-loopback RPC bind addresses.</summary>
    public bool ConfirmExternalBind { get; init; }

    /// <summary>--rpc-ssl, default autodetect.</summary>
    public RpcSslMode RpcSsl { get; init; } = RpcSslMode.Autodetect;

    /// <summary>--rpc-ssl-private-key, absolute; null when not given.</summary>
    public string? RpcSslPrivateKey { get; init; }

    /// <summary>--rpc-ssl-certificate, absolute; null when not given.</summary>
    public string? RpcSslCertificate { get; init; }

    /// <summary>--rpc-max-connections, default 100: connections each RPC server holds at once.</summary>
    public int RpcMaxConnections { get; init; } = 100;

    /// <summary>--rpc-max-connections-per-public-ip, default 3 (per IPv4 address or global IPv6 /64).</summary>
    public int RpcMaxConnectionsPerPublicIp { get; init; } = 3;

    /// <summary>--rpc-max-connections-per-private-ip, default 25 (per loopback or private address).</summary>
    public int RpcMaxConnectionsPerPrivateIp { get; init; } = 25;

    /// <summary>--rpc-ignore-ipv4: an RPC server whose IPv4 bind fails goes on with its IPv6 address (--rpc-use-ipv6).</summary>
    public bool RpcIgnoreIpv4 { get; init; }

    /// <summary>--rpc-access-control-origins, split at commas and trimmed; empty = no CORS headers.</summary>
    public IReadOnlyList<string> RpcAccessControlOrigins { get; init; } = [];

    /// <summary>--rpc-ssl-ca-certificates, absolute: client certificates must be in (or, chained, issued by) these.</summary>
    public string? RpcSslCaCertificates { get; init; }

    /// <summary>--rpc-ssl-allowed-fingerprints: SHA-256 fingerprints (32 bytes each) of client certificates to accept.</summary>
    public IReadOnlyList<byte[]> RpcSslAllowedFingerprints { get; init; } = [];

    /// <summary>--rpc-ssl-allow-chained: a client certificate issued by a --rpc-ssl-ca-certificates CA is accepted too.</summary>
    public bool RpcSslAllowChained { get; init; }

    /// <summary>--rpc-ssl-allow-any-cert: no client certificate is asked for, whatever the other --rpc-ssl-* say.</summary>
    public bool RpcSslAllowAnyCert { get; init; }

    /// <summary>
    /// Whether the RPC servers require a client certificate: with fingerprints or a CA file and without
    /// --rpc-ssl-allow-any-cert, as monerod's rpc_args (which then also forces TLS on, whatever --rpc-ssl says).
    /// </summary>
    public bool RpcSslVerifiesClients =>
        !RpcSslAllowAnyCert && (RpcSslAllowedFingerprints.Count > 0 || RpcSslCaCertificates is not null);

    /// <summary>--disable-rpc-ban: failing RPC requests never ban their host (banned hosts are still refused).</summary>
    public bool DisableRpcBan { get; init; }

    // --- logging and process ---

    /// <summary>--log-level 0..4, default 0. See Logging/NodeLogging.cs for what each level shows.</summary>
    public int LogLevel { get; init; }

    /// <summary>--log-level given as monerod categories (or a level then categories), as written; null for a bare level.</summary>
    public string? LogCategories { get; init; }

    /// <summary>The --log-level text in force at start: the categories, else the level.</summary>
    public string LogLevelText => LogCategories ?? LogLevel.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>--log-file as an absolute path; default &lt;data-dir&gt;/moneronet.log; a bare file name is put in the data dir (monerod).</summary>
    public required string LogFile { get; init; }

    /// <summary>--max-log-file-size in bytes, default 104850000; 0 means no size limit (no rolling).</summary>
    public long MaxLogFileSize { get; init; } = DefaultMaxLogFileSize;

    /// <summary>--max-log-files: rolled files kept, default 50; 0 means no limit (monerod).</summary>
    public int MaxLogFiles { get; init; } = DefaultMaxLogFiles;

    /// <summary>--non-interactive: there is no console command prompt to disable; accepted for compatibility.</summary>
    public bool NonInteractive { get; init; }

    /// <summary>--check-updates: disabled|notify|download|update, default notify. Accepted; this node never checks.</summary>
    public string CheckUpdates { get; init; } = "notify";

    /// <summary>--disable-dns-checkpoints: accepted; this node keeps no chain and fetches no checkpoints.</summary>
    public bool DisableDnsCheckpoints { get; init; }

    /// <summary>--no-zmq: accepted; this node has no ZMQ server.</summary>
    public bool NoZmq { get; init; }

    /// <summary>The summary, never the members: the compiler's record ToString would print the --rpc-login password.</summary>
    public override string ToString() => $"NodeOptions {{ {Summary()} }}";

    /// <summary>One line for the startup log: the settings an operator checks first.</summary>
    public string Summary()
    {
        static string List(IReadOnlyList<PeerAddress> peers) => peers.Count == 0 ? "none" : string.Join(',', peers);
        return $"network={Network} data-dir={DataDir} p2p={P2pBindIp}:{P2pBindPort}"
            + (P2pUseIpv6 ? $" p2p-ipv6=[{P2pBindIpv6Address}]:{P2pBindPortIpv6}" : "")
            + $" rpc={RpcBindIp}:{RpcBindPort}" + (RestrictedRpc ? " (restricted)" : "")
            + (RpcUseIpv6 ? $" rpc-ipv6=[{RpcBindIpv6Address}]" : "")
            + (RpcRestrictedBindPort is { } restrictedPort ? $" restricted-rpc={RpcRestrictedBindIp}:{restrictedPort}" : "")
            + $" rpc-ssl={RpcSsl.ToString().ToLowerInvariant()}" + (RpcLogin is null ? "" : " rpc-login=on")
            + (DisableRpcBan ? " disable-rpc-ban" : "")
            + $" exclusive={List(ExclusiveNodes)} priority={List(PriorityNodes)} peers={List(Peers)}"
            + $" in-peers={(MaxInPeers?.ToString() ?? "unlimited")} out-peers={MaxOutPeers}"
            + $" max-connections-per-ip={MaxConnectionsPerIp} hide-my-port={HideMyPort}"
            + $" limit-rate-up={LimitRateUp}kB/s limit-rate-down={LimitRateDown}kB/s"
            + (Offline ? " offline" : "") + (PublicRpcPort is { } publicPort ? $" public-node rpc-port={publicPort}" : "")
            + (P2pExternalPort != 0 ? $" p2p-external-port={P2pExternalPort}" : "")
            + $" log-level={LogLevelText} log-file={LogFile}";
    }
}
