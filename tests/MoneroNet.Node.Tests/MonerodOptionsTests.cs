using System.Net;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.Hosting;

namespace MoneroNet.Node.Tests;

/// <summary>
/// Every option monerod 0.18 knows is accepted: the settings that mean nothing here (chain, mining, ZMQ, proxies, RPC
/// payments) are named in one warning line, the connection and RPC ones take effect, and an option monerod does not
/// know still fails with one line — on the command line and in the config file alike.
/// </summary>
public sealed class MonerodOptionsTests
{
    /// <summary>monerod 0.18's --help: every option and setting it lists (the installed binary's).</summary>
    private static readonly string[] MonerodOptions =
    [
        "help", "version", "os-version", "config-file", "detach", "pidfile", "non-interactive", "log-file", "log-level",
        "max-log-file-size", "max-log-files", "max-concurrency", "proxy", "proxy-allow-dns-leaks", "public-node",
        "zmq-rpc-bind-ip", "zmq-rpc-bind-port", "zmq-pub", "no-zmq", "data-dir", "test-drop-download",
        "test-drop-download-height", "testnet", "stagenet", "regtest", "keep-fakechain", "fixed-difficulty",
        "enforce-dns-checkpointing", "prep-blocks-threads", "fast-block-sync", "show-time-stats", "block-sync-size",
        "check-updates", "fluffy-blocks", "no-fluffy-blocks", "test-dbg-lock-sleep", "offline", "disable-dns-checkpoints",
        "block-download-max-size", "sync-pruned-blocks", "max-txpool-weight", "block-notify", "prune-blockchain",
        "reorg-notify", "block-rate-notify", "keep-alt-blocks", "extra-messages-file", "start-mining", "mining-threads",
        "bg-mining-enable", "bg-mining-ignore-battery", "bg-mining-min-idle-interval", "bg-mining-idle-threshold",
        "bg-mining-miner-target", "db-sync-mode", "db-salvage", "p2p-bind-ip", "p2p-bind-ipv6-address", "p2p-bind-port",
        "p2p-bind-port-ipv6", "p2p-use-ipv6", "p2p-ignore-ipv4", "p2p-external-port", "allow-local-ip", "add-peer",
        "add-priority-node", "add-exclusive-node", "seed-node", "tx-proxy", "anonymous-inbound", "ban-list",
        "hide-my-port", "no-sync", "enable-dns-blocklist", "no-igd", "igd", "out-peers", "in-peers", "tos-flag",
        "limit-rate-up", "limit-rate-down", "limit-rate", "pad-transactions", "max-connections-per-ip", "rpc-bind-port",
        "rpc-restricted-bind-port", "restricted-rpc", "bootstrap-daemon-address", "bootstrap-daemon-login",
        "bootstrap-daemon-proxy", "rpc-bind-ip", "rpc-bind-ipv6-address", "rpc-restricted-bind-ip",
        "rpc-restricted-bind-ipv6-address", "rpc-use-ipv6", "rpc-ignore-ipv4", "rpc-login", "confirm-external-bind",
        "rpc-access-control-origins", "rpc-ssl", "rpc-ssl-private-key", "rpc-ssl-certificate", "rpc-ssl-ca-certificates",
        "rpc-ssl-allowed-fingerprints", "rpc-ssl-allow-chained", "disable-rpc-ban", "rpc-ssl-allow-any-cert",
        "rpc-payment-address", "rpc-payment-difficulty", "rpc-payment-credits", "rpc-payment-allow-free-loopback",
        "rpc-max-connections-per-public-ip", "rpc-max-connections-per-private-ip", "rpc-max-connections",
        "rpc-response-soft-limit",
    ];

    [Fact]
    public void Every_monerod_option_is_known_and_listed_in_help()
    {
        var help = NodeCommandLine.HelpText;
        foreach (var name in MonerodOptions)
            Assert.Contains("  --" + name + " ", help);
    }

    [Fact]
    public void The_sample_config_with_chain_options_parses_and_names_each_one_without_effect()
    {
        var dir = Directory.CreateTempSubdirectory("moneronet-conf-");
        try
        {
            var file = Path.Combine(dir.FullName, "bitmonero.conf");
            File.WriteAllText(file, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "conf", "monerod-sample-with-chain-options.conf"))
                .Replace("@TEMP@", dir.FullName, StringComparison.Ordinal));

            var result = NodeCommandLine.Parse(["--config-file", file, "--testnet"], "/home/x", "/");

            Assert.Null(result.Error);
            var o = result.Options!;
            Assert.Equal(Path.Combine(dir.FullName, "data", "testnet"), o.DataDir);
            Assert.Equal(8, o.MaxOutPeers);
            Assert.Equal(1024, o.LimitRateUp);
            Assert.True(o.HideMyPort);
            Assert.Equal(
                ["block-notify", "block-sync-size", "bootstrap-daemon-address", "db-sync-mode", "fast-block-sync",
                 "keep-alt-blocks", "max-txpool-weight", "mining-threads", "prep-blocks-threads", "prune-blockchain",
                 "rpc-payment-credits", "start-mining", "sync-pruned-blocks", "zmq-pub", "zmq-rpc-bind-ip", "zmq-rpc-bind-port"],
                o.WithoutEffect.Order(StringComparer.Ordinal));
            var line = CommandLineMessages.WithoutEffect(o.WithoutEffect);
            Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
            Assert.Contains("db-sync-mode", line, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--db-sync-mode", "fastest:async:1000")]
    [InlineData("--prune-blockchain", null)]
    [InlineData("--block-sync-size", "10")]
    [InlineData("--zmq-pub", "tcp://127.0.0.1:1")]
    [InlineData("--tx-proxy", "tor,127.0.0.1:9050,10")]
    public void A_chain_option_on_the_command_line_is_accepted_and_named(string flag, string? value)
    {
        var result = NodeCommandLine.Parse(value is null ? [flag] : [flag, value], "/home/x", "/");

        Assert.Null(result.Error);
        Assert.Equal([flag[2..]], result.Options!.WithoutEffect);
    }

    [Theory]
    [InlineData("--block-sync-size", "many")]
    [InlineData("--fast-block-sync", "maybe")]
    public void A_chain_option_with_a_value_monerod_refuses_fails_with_one_line(string flag, string value)
    {
        var result = NodeCommandLine.Parse([flag, value], "/home/x", "/");

        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Contains($"'{flag}'", result.Error);
    }

    [Fact]
    public void An_option_monerod_does_not_know_fails_with_one_line_on_the_command_line_and_in_the_file()
    {
        var cli = NodeCommandLine.Parse(["--db-sync-speed", "1"], "/home/x", "/");
        Assert.Equal("Failed to parse arguments: unrecognised option '--db-sync-speed'", cli.Error);

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["prune-blockchain=1", "prune-blokchain=1"]);
            var fromFile = NodeCommandLine.Parse(["--config-file", file], "/home/x", "/");
            Assert.Equal("Error parsing config file: unrecognised option 'prune-blokchain'", fromFile.Error);

            // monerod's file holds settings only: its command-line options are unknown there.
            File.WriteAllLines(file, ["detach=1"]);
            Assert.Equal("Error parsing config file: unrecognised option 'detach'", NodeCommandLine.Parse(["--config-file", file], "/home/x", "/").Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Connection_flags_reach_the_p2p_options()
    {
        var o = NodeCommandLine.Parse(
            ["--testnet", "--offline", "--seed-node", "127.0.0.5", "--seed-node", "127.0.0.6:1234", "--p2p-external-port", "40555",
             "--p2p-ignore-ipv4", "--public-node", "--restricted-rpc", "--rpc-bind-port", "40556"], "/home/x", "/").Options!;
        var p2p = P2POptionsFactory.Create(o);

        Assert.True(p2p.Offline);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("127.0.0.5"), 28080), new IPEndPoint(IPAddress.Parse("127.0.0.6"), 1234)], p2p.SeedNodes);
        Assert.Equal(40555, p2p.ExternalPort);
        Assert.True(p2p.IgnoreIpv4BindFailure);
        Assert.Equal(40556, p2p.PublicRpcPort);
        Assert.Empty(o.WithoutEffect);
    }

    [Fact]
    public void Public_node_advertises_the_restricted_server_and_needs_one()
    {
        Assert.Equal((ushort)40557, NodeCommandLine.Parse(["--public-node", "--rpc-restricted-bind-port", "40557"], "/home/x", "/").Options!.PublicRpcPort);
        Assert.Null(NodeCommandLine.Parse([], "/home/x", "/").Options!.PublicRpcPort);

        var refused = NodeCommandLine.Parse(["--public-node"], "/home/x", "/");
        Assert.Equal(CommandLineAction.Fail, refused.Action);
        Assert.Contains("restricted RPC mode is required", refused.Error);
    }

    [Fact]
    public void Rpc_flags_reach_the_rpc_server_options()
    {
        const string Fingerprint = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var o = NodeCommandLine.Parse(
            ["--rpc-ignore-ipv4", "--rpc-access-control-origins", "https://a.example, https://b.example", "--rpc-ssl", "disabled",
             "--rpc-ssl-allowed-fingerprints", Fingerprint, "--rpc-ssl-allow-chained"], "/home/x", "/").Options!;
        var clients = NodeHost.RpcClientCertificatesFor(o);
        var rpc = Assert.Single(NodeHost.RpcServerOptionsFor(o, null, null, clients));

        Assert.True(rpc.IgnoreIpv4BindFailure);
        Assert.Equal(["https://a.example", "https://b.example"], rpc.AccessControlOrigins);
        Assert.NotNull(rpc.ClientCertificates);
        Assert.True(rpc.ClientCertificates!.AllowChained);
        // Client certificates imply TLS whatever --rpc-ssl says, as monerod.
        Assert.Equal(MoneroNet.Rpc.Security.RpcTlsMode.Enabled, rpc.Tls);

        var any = NodeCommandLine.Parse(["--rpc-ssl-allowed-fingerprints", Fingerprint, "--rpc-ssl-allow-any-cert"], "/home/x", "/").Options!;
        Assert.Null(NodeHost.RpcClientCertificatesFor(any));

        var bad = NodeCommandLine.Parse(["--rpc-ssl-allowed-fingerprints", "abcd"], "/home/x", "/");
        Assert.Equal("SHA-256 fingerprint should be 32 bytes long.", bad.Error);
    }

    [Fact]
    public void Detach_and_pidfile_are_parsed_and_the_pidfile_needs_detach()
    {
        var detached = NodeCommandLine.Parse(["--detach", "--pidfile", "run/moneronet.pid"], "/home/x", "/srv").Options!;
        Assert.True(detached.Detach);
        Assert.Equal("/srv/run/moneronet.pid", detached.Pidfile);

        Assert.Null(NodeCommandLine.Parse(["--pidfile", "/run/x.pid"], "/home/x", "/").Options!.Pidfile);
    }

    [Fact]
    public void Os_version_prints_the_os_line()
    {
        Assert.Equal(CommandLineAction.ShowOsVersion, NodeCommandLine.Parse(["--os-version"], "/home/x", "/").Action);
        Assert.StartsWith("OS: ", NodeCommandLine.OsVersionLine, StringComparison.Ordinal);
    }
}
