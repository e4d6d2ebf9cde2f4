using System.CommandLine;
using System.Net;
using MoneroNet.P2P.Transport;
using MoneroNet.Wire;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// Second stage of parsing: turns syntactically valid flags into <see cref="NodeOptions"/>, applying monerod's
/// network-dependent defaults and the checks monerod makes after parsing (one network, safe RPC bind, peers).
/// </summary>
internal sealed class NodeOptionsResolver(ParseResult parsed, NodeFlags flags, string homeDirectory, string currentDirectory)
{
    /// <summary>monerod's default data directory name under the home directory.</summary>
    private const string DefaultDataDirName = ".bitmonero";

    public CommandLineResult Resolve()
    {
        var testnet = parsed.GetValue(flags.Testnet);
        var stagenet = parsed.GetValue(flags.Stagenet);
        var regtest = parsed.GetValue(flags.Regtest);
        if ((testnet ? 1 : 0) + (stagenet ? 1 : 0) + (regtest ? 1 : 0) > 1)
            return CommandLineResult.Failed(CommandLineMessages.NetworkConflict());
        var network = testnet ? NetworkType.Testnet : stagenet ? NetworkType.Stagenet : regtest ? NetworkType.Regtest : NetworkType.Mainnet;

        string? configFile = FullPathOrNull(parsed.GetValue(flags.ConfigFile));
        if (configFile is not null && !File.Exists(configFile))
            return CommandLineResult.Failed(CommandLineMessages.ConfigFileMissing(configFile));

        var dataDir = DataDirFor(network);
        var p2pPort = (ushort)(parsed.GetValue(flags.P2pBindPort) ?? NetworkConstants.DefaultP2PPort(network));
        var rpcBindIp = parsed.GetValue(flags.RpcBindIp) ?? IPAddress.Loopback;
        var rpcBindIpv6 = parsed.GetValue(flags.RpcBindIpv6Address) ?? IPAddress.IPv6Loopback;
        var confirmExternalBind = parsed.GetValue(flags.ConfirmExternalBind);

        // monerod refuses a non-loopback RPC address unless told the operator means it (rpc_args.cpp).
        if (!IPAddress.IsLoopback(rpcBindIp) && !confirmExternalBind)
            return CommandLineResult.Failed(CommandLineMessages.ExternalBind("rpc-bind-ip"));
        if (!IPAddress.IsLoopback(rpcBindIpv6) && !confirmExternalBind)
            return CommandLineResult.Failed(CommandLineMessages.ExternalBind("rpc-bind-ipv6-address"));

        var rpcLogin = parsed.GetValue(flags.RpcLogin);
        if (rpcLogin is not null && rpcLogin.Split(':', 2)[0].Length == 0)
            return CommandLineResult.Failed(CommandLineMessages.EmptyRpcUser());

        // monerod refuses a per-address cap above the total (core_rpc_server::init).
        int rpcMaxConnections = (int)(parsed.GetValue(flags.RpcMaxConnections) ?? 100);
        int rpcMaxPublic = (int)(parsed.GetValue(flags.RpcMaxConnectionsPerPublicIp) ?? 3);
        int rpcMaxPrivate = (int)(parsed.GetValue(flags.RpcMaxConnectionsPerPrivateIp) ?? 25);
        if (rpcMaxConnections < rpcMaxPublic)
            return CommandLineResult.Failed(CommandLineMessages.CapAboveTotal("rpc-max-connections-per-public-ip", "rpc-max-connections"));
        if (rpcMaxConnections < rpcMaxPrivate)
            return CommandLineResult.Failed(CommandLineMessages.CapAboveTotal("rpc-max-connections-per-private-ip", "rpc-max-connections"));

        var defaultPeerPort = NetworkConstants.DefaultP2PPort(network);
        var peerError = (string?)null;
        var exclusive = ParsePeers(flags.AddExclusiveNode, defaultPeerPort, ref peerError);
        var priority = ParsePeers(flags.AddPriorityNode, defaultPeerPort, ref peerError);
        var peers = ParsePeers(flags.AddPeer, defaultPeerPort, ref peerError);
        var seeds = ParsePeers(flags.SeedNode, defaultPeerPort, ref peerError);
        if (peerError is not null)
            return CommandLineResult.Failed(peerError);
        if (ResolveAnonymity(exclusive.Concat(priority).Concat(peers), out var txProxies, out var inbounds) is { } anonymityError)
            return CommandLineResult.Failed(anonymityError);
        IPEndPoint? proxy = null;
        if (parsed.GetValue(flags.Proxy) is { } proxyText && !IPEndPoint.TryParse(proxyText, out proxy) || proxy is { Port: 0 })
            return CommandLineResult.Failed($"{CommandLineMessages.ParseFailedPrefix}Failed to parse proxy: {parsed.GetValue(flags.Proxy)}");

        var (limitUp, limitDown) = RateLimits();

        // monerod's get_public_rpc_port: the advertised port must be a restricted server's.
        bool publicNode = parsed.GetValue(flags.PublicNode);
        if (publicNode && parsed.GetValue(flags.RpcRestrictedBindPort) is null && !parsed.GetValue(flags.RestrictedRpc))
            return CommandLineResult.Failed(CommandLineMessages.PublicNodeNeedsRestrictedRpc());

        var fingerprints = new List<byte[]>();
        foreach (var text in parsed.GetValue(flags.RpcSslAllowedFingerprints) ?? [])
        {
            if (ParseFingerprint(text) is not { } fingerprint)
                return CommandLineResult.Failed(CommandLineMessages.BadFingerprint());
            fingerprints.Add(fingerprint);
        }

        var origins = (parsed.GetValue(flags.RpcAccessControlOrigins) ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var withoutEffect = flags.WithoutEffect
            .Where(o => parsed.GetResult(o) is System.CommandLine.Parsing.OptionResult { Implicit: false })
            .Select(o => o.Name.TrimStart('-')).ToList();
        bool detach = parsed.GetValue(flags.Detach);
        var options = new NodeOptions
        {
            Network = network,
            DataDir = dataDir,
            ConfigFile = configFile,
            P2pBindIp = parsed.GetValue(flags.P2pBindIp) ?? IPAddress.Any,
            P2pBindPort = p2pPort,
            P2pUseIpv6 = parsed.GetValue(flags.P2pUseIpv6),
            P2pBindIpv6Address = parsed.GetValue(flags.P2pBindIpv6Address) ?? IPAddress.IPv6Any,
            P2pBindPortIpv6 = (ushort)(parsed.GetValue(flags.P2pBindPortIpv6) ?? NetworkConstants.DefaultP2PPort(network)),
            ExclusiveNodes = exclusive,
            PriorityNodes = priority,
            Peers = peers,
            TxProxies = txProxies,
            Proxy = proxy,
            ProxyAllowDnsLeaks = parsed.GetValue(flags.ProxyAllowDnsLeaks),
            AnonymousInbounds = inbounds,
            MaxConnectionsPerIp = (int)Math.Min(parsed.GetValue(flags.MaxConnectionsPerIp) ?? 1, int.MaxValue),
            InPeers = parsed.GetValue(flags.InPeers) ?? -1,
            OutPeers = parsed.GetValue(flags.OutPeers) ?? -1,
            HideMyPort = parsed.GetValue(flags.HideMyPort),
            AllowLocalIp = parsed.GetValue(flags.AllowLocalIp),
            BanList = FullPathOrNull(parsed.GetValue(flags.BanList)),
            AsnMap = FullPathOrNull(parsed.GetValue(flags.AsnMap)),
            NoIgd = parsed.GetValue(flags.NoIgd),
            Offline = parsed.GetValue(flags.Offline),
            SeedNodes = seeds,
            P2pExternalPort = (ushort)(parsed.GetValue(flags.P2pExternalPort) ?? 0),
            P2pIgnoreIpv4 = parsed.GetValue(flags.P2pIgnoreIpv4),
            PublicNode = publicNode,
            WithoutEffect = withoutEffect,
            Detach = detach,
            Pidfile = detach ? FullPathOrNull(parsed.GetValue(flags.Pidfile)) : null,
            RpcIgnoreIpv4 = parsed.GetValue(flags.RpcIgnoreIpv4),
            RpcAccessControlOrigins = origins,
            RpcSslCaCertificates = FullPathOrNull(parsed.GetValue(flags.RpcSslCaCertificates)),
            RpcSslAllowedFingerprints = fingerprints,
            RpcSslAllowChained = parsed.GetValue(flags.RpcSslAllowChained),
            RpcSslAllowAnyCert = parsed.GetValue(flags.RpcSslAllowAnyCert),
            LimitRateUp = limitUp,
            LimitRateDown = limitDown,
            RpcBindIp = rpcBindIp,
            RpcBindPort = (ushort)(parsed.GetValue(flags.RpcBindPort) ?? NetworkConstants.DefaultRpcPort(network)),
            RpcBindIpv6Address = rpcBindIpv6,
            RestrictedRpc = parsed.GetValue(flags.RestrictedRpc),
            RpcRestrictedBindIp = parsed.GetValue(flags.RpcRestrictedBindIp) ?? IPAddress.Loopback,
            RpcRestrictedBindPort = (ushort?)parsed.GetValue(flags.RpcRestrictedBindPort),
            RpcRestrictedBindIpv6Address = parsed.GetValue(flags.RpcRestrictedBindIpv6Address) ?? IPAddress.IPv6Loopback,
            RpcUseIpv6 = parsed.GetValue(flags.RpcUseIpv6),
            RpcLogin = rpcLogin,
            RpcMaxConnections = rpcMaxConnections,
            RpcMaxConnectionsPerPublicIp = rpcMaxPublic,
            RpcMaxConnectionsPerPrivateIp = rpcMaxPrivate,
            DisableRpcBan = parsed.GetValue(flags.DisableRpcBan),
            ConfirmExternalBind = confirmExternalBind,
            RpcSsl = parsed.GetValue(flags.RpcSsl) switch
            {
                "enabled" => RpcSslMode.Enabled,
                "disabled" => RpcSslMode.Disabled,
                _ => RpcSslMode.Autodetect,
            },
            RpcSslPrivateKey = FullPathOrNull(parsed.GetValue(flags.RpcSslPrivateKey)),
            RpcSslCertificate = FullPathOrNull(parsed.GetValue(flags.RpcSslCertificate)),
            LogLevel = parsed.GetValue(flags.LogLevel) is { Length: 1 } digit && char.IsAsciiDigit(digit[0]) ? digit[0] - '0' : 0,
            LogCategories = parsed.GetValue(flags.LogLevel) is { Length: > 1 } categories ? categories : null,
            LogFile = LogFileIn(dataDir),
            MaxLogFileSize = parsed.GetValue(flags.MaxLogFileSize) ?? NodeOptions.DefaultMaxLogFileSize,
            MaxLogFiles = (int)(parsed.GetValue(flags.MaxLogFiles) ?? NodeOptions.DefaultMaxLogFiles),
            NonInteractive = parsed.GetValue(flags.NonInteractive),
            CheckUpdates = parsed.GetValue(flags.CheckUpdates) ?? "notify",
            DisableDnsCheckpoints = parsed.GetValue(flags.DisableDnsCheckpoints),
            NoZmq = parsed.GetValue(flags.NoZmq),
        };
        return new CommandLineResult(CommandLineAction.Run, options, null);
    }

    /// <summary>
    /// monerod's node_server::set_rate_*_limit: -1 is each direction's default (2048 up, 8192 down); --limit-rate, when
    /// not -1, then sets every direction not given a limit of its own — and a direction given exactly its default
    /// counts as not given, as in monerod ("--limit-rate-up 2048 --limit-rate 100" limits both to 100).
    /// </summary>
    private (long Up, long Down) RateLimits()
    {
        long up = parsed.GetValue(flags.LimitRateUp) ?? -1;
        long down = parsed.GetValue(flags.LimitRateDown) ?? -1;
        long both = parsed.GetValue(flags.LimitRate) ?? -1;
        bool ownUp = up != -1 && up != P2PRateLimits.DefaultUpKBps;
        bool ownDown = down != -1 && down != P2PRateLimits.DefaultDownKBps;
        if (up == -1) up = P2PRateLimits.DefaultUpKBps;
        if (down == -1) down = P2PRateLimits.DefaultDownKBps;
        if (!ownUp) up = both == -1 ? P2PRateLimits.DefaultUpKBps : both;
        if (!ownDown) down = both == -1 ? P2PRateLimits.DefaultDownKBps : both;
        return (up, down);
    }

    /// <summary>
    /// ~/.bitmonero or --data-dir, made absolute; monerod 0.18 then appends "testnet"/"stagenet" even to an explicit
    /// --data-dir (regtest keeps the mainnet folder in 0.18).
    /// </summary>
    private string DataDirFor(NetworkType network)
    {
        var baseDir = FullPathOrNull(parsed.GetValue(flags.DataDir)) ?? Path.Combine(homeDirectory, DefaultDataDirName);
        return network switch
        {
            NetworkType.Testnet => Path.Combine(baseDir, "testnet"),
            NetworkType.Stagenet => Path.Combine(baseDir, "stagenet"),
            _ => baseDir,
        };
    }

    /// <summary>monerod: the log file defaults into the data dir, and a bare file name is taken relative to it.</summary>
    private string LogFileIn(string dataDir)
    {
        var given = parsed.GetValue(flags.LogFile);
        if (given is null)
            return Path.Combine(dataDir, NodeOptions.DefaultLogFileName);
        return string.IsNullOrEmpty(Path.GetDirectoryName(given)) ? Path.Combine(dataDir, given) : Path.GetFullPath(given, currentDirectory);
    }

    /// <summary>
    /// A SHA-256 fingerprint as hex, with or without ':' between the bytes (as openssl prints it); null unless it is
    /// 32 bytes.
    /// </summary>
    internal static byte[]? ParseFingerprint(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Trim();
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            return null;
        return Convert.FromHexString(hex);
    }

    private string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path, currentDirectory);

    /// <summary>
    /// --tx-proxy and --anonymous-inbound with monerod's start-up checks (net_node.inl init): one of each a zone, an
    /// inbound only beside some --tx-proxy, and a Tor/I2P peer only with a --tx-proxy for its zone. Null when fine.
    /// </summary>
    private string? ResolveAnonymity(IEnumerable<PeerAddress> peers, out List<P2P.Zones.TxProxy> proxies,
        out List<P2P.Zones.AnonymousInbound> inbounds)
    {
        proxies = [];
        inbounds = [];
        foreach (var text in parsed.GetValue(flags.TxProxy) ?? [])
        {
            if (AnonymityArguments.ParseTxProxy(text, out var error) is not { } proxy) return CommandLineMessages.ParseFailedPrefix + error;
            if (proxies.Any(p => p.Zone == proxy.Zone))
                return $"{CommandLineMessages.ParseFailedPrefix}Listed --tx-proxy twice with {P2P.Zones.NetworkZones.NameOf(proxy.Zone)}";
            proxies.Add(proxy);
        }
        foreach (var p in peers)
        {
            if (p.Anonymity is { } a && !proxies.Any(x => x.Zone == P2P.Zones.NetworkZones.Of(a)))
                return $"{CommandLineMessages.ParseFailedPrefix}Set outgoing peer for {P2P.Zones.NetworkZones.NameOf(P2P.Zones.NetworkZones.Of(a))} but did not set --tx-proxy";
        }
        foreach (var text in parsed.GetValue(flags.AnonymousInbound) ?? [])
        {
            if (AnonymityArguments.ParseAnonymousInbound(text, out var error) is not { } inbound) return CommandLineMessages.ParseFailedPrefix + error;
            if (inbounds.Any(i => i.Zone == inbound.Zone))
                return $"{CommandLineMessages.ParseFailedPrefix}Listed --anonymous-inbound twice with {P2P.Zones.NetworkZones.NameOf(inbound.Zone)} network";
            if (proxies.Count == 0)
                return $"{CommandLineMessages.ParseFailedPrefix}Listed --anonymous-inbound without listing any --tx-proxy. The latter is necessary for sending local txes over anonymity networks";
            inbounds.Add(inbound);
        }
        return null;
    }

    private List<PeerAddress> ParsePeers(Option<string[]> option, ushort defaultPort, ref string? firstError)
    {
        var texts = parsed.GetValue(option) ?? [];
        var peers = new List<PeerAddress>(texts.Length);
        foreach (var text in texts)
        {
            if (PeerAddress.TryParse(text, defaultPort, out var peer))
                peers.Add(peer);
            else
                firstError ??= CommandLineMessages.BadPeer(option.Name.TrimStart('-'), text);
        }
        return peers;
    }
}
