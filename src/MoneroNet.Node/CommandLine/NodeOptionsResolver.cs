using System.CommandLine;
using System.Net;
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
        if (peerError is not null)
            return CommandLineResult.Failed(peerError);

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
            MaxConnectionsPerIp = (int)Math.Min(parsed.GetValue(flags.MaxConnectionsPerIp) ?? 1, int.MaxValue),
            InPeers = parsed.GetValue(flags.InPeers) ?? -1,
            OutPeers = parsed.GetValue(flags.OutPeers) ?? -1,
            HideMyPort = parsed.GetValue(flags.HideMyPort),
            AllowLocalIp = parsed.GetValue(flags.AllowLocalIp),
            BanList = FullPathOrNull(parsed.GetValue(flags.BanList)),
            AsnMap = FullPathOrNull(parsed.GetValue(flags.AsnMap)),
            NoIgd = parsed.GetValue(flags.NoIgd),
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

    private string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path, currentDirectory);

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
