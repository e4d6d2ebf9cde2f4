using System.CommandLine;
using System.Net;
using System.Net.Sockets;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// The monerod-compatible flags as System.CommandLine options: names, value types and help texts. Defaults that
/// depend on the network are not set here; <see cref="NodeOptionsResolver"/> applies them after parsing.
/// </summary>
internal sealed class NodeFlags
{
    public Option<bool> Help { get; } = Flag("--help", "Produce help message");
    public Option<bool> Version { get; } = Flag("--version", "Output version information");
    public Option<string> ConfigFile { get; } = Text("--config-file", "Specify configuration file (default ~/.bitmonero[/testnet|/stagenet]/bitmonero.conf when it exists)");
    public Option<bool> OsVersion { get; } = Flag("--os-version", "OS for which this executable was compiled");
    public Option<bool> Detach { get; } = Flag("--detach", "Run as daemon");
    public Option<string> Pidfile { get; } = Text("--pidfile", "File path to write the daemon's PID to (optional, requires --detach)");
    public Option<bool> NonInteractive { get; } = Flag("--non-interactive", "Run non-interactive");

    public Option<string> LogFile { get; } = Text("--log-file", "Specify log file (a bare name is placed in the data directory)");
    public Option<string> LogLevel { get; } = new("--log-level")
    {
        Description = "0-4 (0 warnings and startup lines, 1 info, 2 debug, 3-4 trace) or monerod categories, e.g. net.p2p:DEBUG,*:WARNING",
        Arity = ArgumentArity.ExactlyOne, HelpName = "arg", CustomParser = ValueParsers.LogLevel(),
    };
    public Option<long?> MaxLogFileSize { get; } = Number("--max-log-file-size", 0, long.MaxValue, "Specify maximum log file size [B] (0 = no rolling)");
    public Option<long?> MaxLogFiles { get; } = Number("--max-log-files", 0, int.MaxValue, "Specify maximum number of rotated log files to be saved (no limit by setting to 0)");
    public Option<bool> NoZmq { get; } = Flag("--no-zmq", "Disable ZMQ RPC server (accepted; this node has none)");
    public Option<string> DataDir { get; } = Text("--data-dir", "Specify data directory");
    public Option<bool> Testnet { get; } = Flag("--testnet", "Run on testnet");
    public Option<bool> Stagenet { get; } = Flag("--stagenet", "Run on stagenet");
    public Option<bool> Regtest { get; } = Flag("--regtest", "Run in a regression testing mode (mainnet ids and ports)");
    public Option<string> CheckUpdates { get; } = Choice("--check-updates", "Check for new versions of monero (accepted; never checks)", "disabled", "notify", "download", "update");
    public Option<bool> DisableDnsCheckpoints { get; } = Flag("--disable-dns-checkpoints", "Do not retrieve checkpoints from DNS (accepted; none are used)");

    public Option<IPAddress> P2pBindIp { get; } = Address("--p2p-bind-ip", AddressFamily.InterNetwork, "Interface for p2p network protocol (IPv4)");
    public Option<IPAddress> P2pBindIpv6Address { get; } = Address("--p2p-bind-ipv6-address", AddressFamily.InterNetworkV6, "Interface for p2p network protocol (IPv6)");
    public Option<int?> P2pBindPort { get; } = Port("--p2p-bind-port", "Port for p2p network protocol (IPv4)");
    public Option<int?> P2pBindPortIpv6 { get; } = Port("--p2p-bind-port-ipv6", "Port for p2p network protocol (IPv6)");
    public Option<bool> P2pUseIpv6 { get; } = Flag("--p2p-use-ipv6", "Enable IPv6 for p2p");
    public Option<bool> AllowLocalIp { get; } = Flag("--allow-local-ip", "Allow local ip add to peer list, mostly in debug purposes");
    public Option<string[]> AddPeer { get; } = Peers("--add-peer", "Manually add peer to local peerlist");
    public Option<string[]> AddPriorityNode { get; } = Peers("--add-priority-node", "Specify list of peers to connect to and attempt to keep the connection open");
    public Option<string[]> AddExclusiveNode { get; } = Peers("--add-exclusive-node", "Specify list of peers to connect to only. If this option is given the options add-priority-node and seed-node are ignored");
    public Option<string[]> SeedNode { get; } = Peers("--seed-node", "Connect to a node to retrieve peer addresses (kept as a seed connection here)");
    public Option<bool> P2pIgnoreIpv4 { get; } = Flag("--p2p-ignore-ipv4", "Ignore unsuccessful IPv4 bind for p2p");
    public Option<long?> P2pExternalPort { get; } = Number("--p2p-external-port", 0, ushort.MaxValue, "External port for p2p network protocol (if port forwarding used with NAT)");
    public Option<bool> Offline { get; } = Flag("--offline", "Do not listen for peers, nor connect to any");
    public Option<bool> PublicNode { get; } = Flag("--public-node", "Allow other users to use the node as a remote (restricted RPC mode, view-only commands) and advertise it over P2P");
    public Option<string> Proxy { get; } = Text("--proxy", "Network communication through proxy: <socks-ip:port> i.e. \"127.0.0.1:9050\"");
    public Option<bool> ProxyAllowDnsLeaks { get; } = Flag("--proxy-allow-dns-leaks", "Allow DNS leaks outside of proxy");
    public Option<string[]> TxProxy { get; } = Peers("--tx-proxy", "Send local txes through proxy: <network-type>,<socks-ip:port>[,max_connections][,disable_noise] i.e. \"tor,127.0.0.1:9050,100,disable_noise\"");
    public Option<string[]> AnonymousInbound { get; } = Peers("--anonymous-inbound", "<hidden-service-address>,<[bind-ip:]port>[,max_connections] i.e. \"x.onion,127.0.0.1:18083,100\"");
    public Option<string> BanList { get; } = Text("--ban-list", "Specify ban list file, one IP address per line");
    public Option<string> AsnMap { get; } = Text("--asn-map", "ip-to-ASN map for peers' AS and country (iptoasn.com TSV, plain or gzip)");
    public Option<bool> HideMyPort { get; } = Flag("--hide-my-port", "Do not announce yourself as peerlist candidate");
    public Option<bool> NoIgd { get; } = Flag("--no-igd", "Disable UPnP port mapping (accepted; never mapped)");
    public Option<long?> OutPeers { get; } = Number("--out-peers", -1, int.MaxValue, "set max number of out peers (-1 = 12)");
    public Option<long?> InPeers { get; } = Number("--in-peers", -1, int.MaxValue, "set max number of in peers (-1 = unlimited)");
    public Option<long?> LimitRateUp { get; } = Number("--limit-rate-up", -1, long.MaxValue, "set limit-rate-up [kB/s] (node-wide P2P upload; 0 = unlimited)");
    public Option<long?> LimitRateDown { get; } = Number("--limit-rate-down", -1, long.MaxValue, "set limit-rate-down [kB/s] (node-wide P2P download; 0 = unlimited)");
    public Option<long?> LimitRate { get; } = Number("--limit-rate", -1, long.MaxValue, "set limit-rate [kB/s] (both directions, where not set on their own)");
    public Option<long?> MaxConnectionsPerIp { get; } = Number("--max-connections-per-ip", 1, uint.MaxValue, "Maximum number of p2p connections allowed from the same IP address");

    public Option<int?> RpcBindPort { get; } = Port("--rpc-bind-port", "Port for RPC server");
    public Option<int?> RpcRestrictedBindPort { get; } = Port("--rpc-restricted-bind-port", "Port for restricted RPC server");
    public Option<bool> RestrictedRpc { get; } = Flag("--restricted-rpc", "Restrict RPC to view only commands and do not return privacy sensitive data in RPC calls");
    public Option<IPAddress> RpcBindIp { get; } = AnyAddress("--rpc-bind-ip", "Specify IP to bind RPC server");
    public Option<IPAddress> RpcBindIpv6Address { get; } = Address("--rpc-bind-ipv6-address", AddressFamily.InterNetworkV6, "Specify IPv6 address to bind RPC server");
    public Option<IPAddress> RpcRestrictedBindIp { get; } = AnyAddress("--rpc-restricted-bind-ip", "Specify IP to bind restricted RPC server");
    public Option<IPAddress> RpcRestrictedBindIpv6Address { get; } = Address("--rpc-restricted-bind-ipv6-address", AddressFamily.InterNetworkV6, "Specify IPv6 address to bind restricted RPC server");
    public Option<bool> RpcUseIpv6 { get; } = Flag("--rpc-use-ipv6", "Allow IPv6 for RPC");
    public Option<bool> RpcIgnoreIpv4 { get; } = Flag("--rpc-ignore-ipv4", "Ignore unsuccessful IPv4 bind for RPC");
    public Option<string> RpcAccessControlOrigins { get; } = Text("--rpc-access-control-origins", "Specify a comma separated list of origins to allow cross origin resource sharing");
    public Option<string> RpcLogin { get; } = Text("--rpc-login", "Specify username[:password] required for RPC server");
    public Option<bool> ConfirmExternalBind { get; } = Flag("--confirm-external-bind", "Confirm rpc-bind-ip value is NOT a loopback (local) IP");
    public Option<string> RpcSsl { get; } = Choice("--rpc-ssl", "Enable SSL on RPC connections: enabled|disabled|autodetect", "enabled", "disabled", "autodetect");
    public Option<string> RpcSslPrivateKey { get; } = Text("--rpc-ssl-private-key", "Path to a PEM format private key");
    public Option<string> RpcSslCertificate { get; } = Text("--rpc-ssl-certificate", "Path to a PEM format certificate");
    public Option<string> RpcSslCaCertificates { get; } = Text("--rpc-ssl-ca-certificates", "Path to file containing concatenated PEM format certificate(s) to replace system CA(s).");
    public Option<string[]> RpcSslAllowedFingerprints { get; } = Peers("--rpc-ssl-allowed-fingerprints", "List of certificate fingerprints to allow");
    public Option<bool> RpcSslAllowChained { get; } = Flag("--rpc-ssl-allow-chained", "Allow user (via --rpc-ssl-certificates) chain certificates");
    public Option<bool> RpcSslAllowAnyCert { get; } = Flag("--rpc-ssl-allow-any-cert", "Allow any peer certificate");
    public Option<long?> RpcMaxConnections { get; } = Number("--rpc-max-connections", 0, int.MaxValue, "Max RPC connections permitted");
    public Option<long?> RpcMaxConnectionsPerPublicIp { get; } = Number("--rpc-max-connections-per-public-ip", 0, int.MaxValue, "Max RPC connections permitted per public IPv4 address or shared across a public IPv6 /64 subnet");
    public Option<long?> RpcMaxConnectionsPerPrivateIp { get; } = Number("--rpc-max-connections-per-private-ip", 0, int.MaxValue, "Max RPC connections per private and localhost IP permitted");
    public Option<bool> DisableRpcBan { get; } = Flag("--disable-rpc-ban", "Do not ban hosts on RPC errors");

    /// <summary>monerod's settings that mean nothing here (<see cref="WithoutEffectFlags"/>), accepted with a warning.</summary>
    public IReadOnlyList<Option> WithoutEffect { get; } = WithoutEffectFlags.Create();

    /// <summary>
    /// The options monerod reads from the command line only (its "Options" group): its config file holds settings.
    /// </summary>
    public IReadOnlyList<Option> CommandLineOnly { get; }

    /// <summary>Every flag, in the order --help lists them (monerod's order: options, then settings).</summary>
    public IReadOnlyList<Option> All { get; }

    public NodeFlags()
    {
        All =
        [
            Help, Version, OsVersion, ConfigFile, Detach, Pidfile, NonInteractive,
            LogFile, LogLevel, MaxLogFileSize, MaxLogFiles, NoZmq, DataDir, Testnet, Stagenet, Regtest, CheckUpdates,
            DisableDnsCheckpoints,
            P2pBindIp, P2pBindIpv6Address, P2pBindPort, P2pBindPortIpv6, P2pUseIpv6, AllowLocalIp,
            P2pIgnoreIpv4, P2pExternalPort, Offline, PublicNode,
            AddPeer, AddPriorityNode, AddExclusiveNode, SeedNode, Proxy, ProxyAllowDnsLeaks, TxProxy, AnonymousInbound, BanList, AsnMap,
            HideMyPort, NoIgd, OutPeers, InPeers, LimitRateUp, LimitRateDown, LimitRate, MaxConnectionsPerIp,
            RpcBindPort, RpcRestrictedBindPort, RestrictedRpc, RpcBindIp, RpcBindIpv6Address, RpcRestrictedBindIp,
            RpcRestrictedBindIpv6Address, RpcUseIpv6, RpcIgnoreIpv4,
            RpcLogin, ConfirmExternalBind, RpcAccessControlOrigins, RpcSsl, RpcSslPrivateKey, RpcSslCertificate,
            RpcSslCaCertificates, RpcSslAllowedFingerprints, RpcSslAllowChained, RpcSslAllowAnyCert, DisableRpcBan,
            RpcMaxConnections, RpcMaxConnectionsPerPublicIp, RpcMaxConnectionsPerPrivateIp,
            .. WithoutEffect,
        ];
        CommandLineOnly = [Help, Version, OsVersion, ConfigFile, Detach, Pidfile, NonInteractive];
    }

    /// <summary>
    /// A root command holding only these flags: System.CommandLine's own -h/-?/--version options and its
    /// [suggest]/[diagram] directives are removed so that the accepted syntax is exactly monerod's.
    /// </summary>
    public RootCommand CreateRootCommand()
    {
        var root = new RootCommand("MoneroNet: a Monero peer-to-peer node");
        root.Options.Clear();
        root.Directives.Clear();
        foreach (var option in All)
            root.Options.Add(option);
        return root;
    }

    /// <summary>A switch that takes no value ("--testnet", never "--testnet true"), like monerod's bool flags.</summary>
    private static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    private static Option<string> Text(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ExactlyOne, HelpName = "arg", CustomParser = ValueParsers.NonEmpty("a non-empty value") };

    private static Option<string> Choice(string name, string description, params string[] words) =>
        new(name) { Description = description, Arity = ArgumentArity.ExactlyOne, HelpName = "arg", CustomParser = ValueParsers.OneOf(words) };

    private static Option<long?> Number(string name, long min, long max, string description) =>
        new(name)
        {
            Description = description, Arity = ArgumentArity.ExactlyOne, HelpName = "arg",
            CustomParser = ValueParsers.Integer(min, max, max == long.MaxValue ? $"an integer >= {min}" : $"an integer {min}..{max}"),
        };

    private static Option<int?> Port(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ExactlyOne, HelpName = "arg", CustomParser = ValueParsers.BindPort() };

    private static Option<IPAddress> Address(string name, AddressFamily family, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ExactlyOne, HelpName = "arg", CustomParser = ValueParsers.Address(family) };

    private static Option<IPAddress> AnyAddress(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ExactlyOne, HelpName = "arg", CustomParser = ValueParsers.AnyAddress() };

    /// <summary>Repeatable, one peer per occurrence: "--add-peer A --add-peer B".</summary>
    private static Option<string[]> Peers(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false, HelpName = "arg" };
}
