using System.Net;
using MoneroNet.Node.CommandLine;
using MoneroNet.Wire;

namespace MoneroNet.Node.Tests;

/// <summary>Every flag, in both "--flag value" and "--flag=value" syntax.</summary>
public sealed class CommandLineFlagsTests
{
    private static readonly string ConfigFile = Path.GetTempFileName();

    /// <summary>Every valued flag with a non-default value, and every switch.</summary>
    private static readonly (string Flag, string? Value)[] AllFlags =
    [
        ("--stagenet", null),
        ("--data-dir", "/data/xmr"),
        ("--config-file", ConfigFile),
        ("--non-interactive", null),
        ("--log-file", "/var/log/moneronet.log"),
        ("--log-level", "3"),
        ("--max-log-file-size", "4096"),
        ("--max-log-files", "7"),
        ("--no-zmq", null),
        ("--check-updates", "disabled"),
        ("--disable-dns-checkpoints", null),
        ("--p2p-bind-ip", "127.0.0.2"),
        ("--p2p-bind-ipv6-address", "::1"),
        ("--p2p-bind-port", "40001"),
        ("--p2p-bind-port-ipv6", "40002"),
        ("--p2p-use-ipv6", null),
        ("--allow-local-ip", null),
        ("--add-peer", "127.0.0.1:40010"),
        ("--add-priority-node", "127.0.0.1:40011"),
        ("--add-exclusive-node", "[::1]:40012"),
        ("--ban-list", "/etc/ban.txt"),
        ("--asn-map", "/etc/ip2asn-combined.tsv.gz"),
        ("--hide-my-port", null),
        ("--no-igd", null),
        ("--out-peers", "8"),
        ("--in-peers", "16"),
        ("--max-connections-per-ip", "3"),
        ("--rpc-bind-port", "40003"),
        ("--rpc-restricted-bind-port", "40004"),
        ("--restricted-rpc", null),
        ("--rpc-bind-ip", "10.1.2.3"),
        ("--rpc-bind-ipv6-address", "[::1]"),
        ("--rpc-restricted-bind-ip", "127.0.0.3"),
        ("--rpc-login", "alice:secret"),
        ("--confirm-external-bind", null),
        ("--rpc-ssl", "disabled"),
        ("--rpc-ssl-private-key", "/etc/key.pem"),
        ("--rpc-ssl-certificate", "/etc/cert.pem"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_flag_is_stored(bool equalsSyntax)
    {
        var args = AllFlags.SelectMany(f => f.Value is null ? [f.Flag]
            : equalsSyntax ? [$"{f.Flag}={f.Value}"] : new[] { f.Flag, f.Value }).ToArray();

        var result = NodeCommandLine.Parse(args, "/home/x", "/");

        Assert.Null(result.Error);
        var o = Assert.IsType<NodeOptions>(result.Options);
        Assert.Equal(NetworkType.Stagenet, o.Network);
        Assert.Equal("/data/xmr/stagenet", o.DataDir);
        Assert.Equal(ConfigFile, o.ConfigFile);
        Assert.True(o.NonInteractive);
        Assert.Equal("/var/log/moneronet.log", o.LogFile);
        Assert.Equal(3, o.LogLevel);
        Assert.Equal(4096, o.MaxLogFileSize);
        Assert.Equal(7, o.MaxLogFiles);
        Assert.True(o.NoZmq);
        Assert.Equal("disabled", o.CheckUpdates);
        Assert.True(o.DisableDnsCheckpoints);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), o.P2pBindIp);
        Assert.Equal(IPAddress.IPv6Loopback, o.P2pBindIpv6Address);
        Assert.Equal(40001, o.P2pBindPort);
        Assert.Equal(40002, o.P2pBindPortIpv6);
        Assert.True(o.P2pUseIpv6);
        Assert.True(o.AllowLocalIp);
        Assert.Equal("127.0.0.1:40010", Assert.Single(o.Peers).ToString());
        Assert.Equal("127.0.0.1:40011", Assert.Single(o.PriorityNodes).ToString());
        Assert.Equal("[::1]:40012", Assert.Single(o.ExclusiveNodes).ToString());
        Assert.Equal("/etc/ban.txt", o.BanList);
        Assert.Equal("/etc/ip2asn-combined.tsv.gz", o.AsnMap);
        Assert.True(o.HideMyPort);
        Assert.True(o.NoIgd);
        Assert.Equal(8, o.OutPeers);
        Assert.Equal(8, o.MaxOutPeers);
        Assert.Equal(16, o.InPeers);
        Assert.Equal(16, o.MaxInPeers);
        Assert.Equal(3, o.MaxConnectionsPerIp);
        Assert.Equal(40003, o.RpcBindPort);
        Assert.Equal((ushort)40004, o.RpcRestrictedBindPort);
        Assert.True(o.RestrictedRpc);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), o.RpcBindIp);
        Assert.Equal(IPAddress.IPv6Loopback, o.RpcBindIpv6Address);
        Assert.Equal(IPAddress.Parse("127.0.0.3"), o.RpcRestrictedBindIp);
        Assert.Equal("alice:secret", o.RpcLogin);
        Assert.True(o.ConfirmExternalBind);
        Assert.Equal(RpcSslMode.Disabled, o.RpcSsl);
        Assert.Equal("/etc/key.pem", o.RpcSslPrivateKey);
        Assert.Equal("/etc/cert.pem", o.RpcSslCertificate);
    }

    [Fact]
    public void Every_flag_in_the_table_is_documented_in_help()
    {
        var help = NodeCommandLine.HelpText;
        foreach (var (flag, _) in AllFlags)
            Assert.Contains("  " + flag + " ", help);
        Assert.Contains("  --help ", help);
        Assert.Contains("  --version ", help);
    }

    [Theory]
    [InlineData("--testnet", "--in-peers", "-1", -1L, null)]
    [InlineData("--testnet", "--in-peers", "0", 0L, 0L)]
    [InlineData("--testnet", "--in-peers=-1", null, -1L, null)]
    public void In_peers_minus_one_means_unlimited(string network, string flag, string? value, long raw, long? max)
    {
        var options = NodeCommandLine.Parse(value is null ? [network, flag] : [network, flag, value]).Options!;

        Assert.Equal(raw, options.InPeers);
        Assert.Equal(max, options.MaxInPeers);
    }

    [Theory]
    [InlineData("-1", 12L)]
    [InlineData("0", 0L)]
    [InlineData("64", 64L)]
    public void Out_peers_minus_one_means_monerods_default_of_12(string value, long max)
    {
        Assert.Equal(max, NodeCommandLine.Parse(["--out-peers", value]).Options!.MaxOutPeers);
    }

    [Theory]
    [InlineData("enabled", RpcSslMode.Enabled)]
    [InlineData("disabled", RpcSslMode.Disabled)]
    [InlineData("autodetect", RpcSslMode.Autodetect)]
    public void Rpc_ssl_modes(string value, RpcSslMode mode)
    {
        Assert.Equal(mode, NodeCommandLine.Parse([$"--rpc-ssl={value}"]).Options!.RpcSsl);
    }

    [Fact]
    public void A_non_loopback_rpc_bind_is_accepted_with_confirm_external_bind()
    {
        var options = NodeCommandLine.Parse(["--rpc-bind-ip", "0.0.0.0", "--confirm-external-bind"]).Options!;

        Assert.Equal(IPAddress.Any, options.RpcBindIp);
    }

    [Fact]
    public void Port_zero_binds_an_os_chosen_port()
    {
        var options = NodeCommandLine.Parse(["--p2p-bind-port", "0", "--rpc-bind-port=0"]).Options!;

        Assert.Equal(0, options.P2pBindPort);
        Assert.Equal(0, options.RpcBindPort);
    }

    [Fact]
    public void Help_and_version_are_actions_not_options()
    {
        Assert.Equal(CommandLineAction.ShowHelp, NodeCommandLine.Parse(["--help"]).Action);
        Assert.Equal(CommandLineAction.ShowVersion, NodeCommandLine.Parse(["--version"]).Action);
        Assert.Equal(CommandLineAction.ShowHelp, NodeCommandLine.Parse(["--version", "--help"]).Action);
    }

    [Fact]
    public void Version_wins_over_a_network_conflict_as_in_monerod()
    {
        Assert.Equal(CommandLineAction.ShowVersion, NodeCommandLine.Parse(["--testnet", "--stagenet", "--version"]).Action);
    }

    [Fact]
    public void Version_line_has_monerods_shape()
    {
        Assert.Matches(@"^MoneroNet '[^']+' \(v\d+\.\d+\.\d+[^)]*\)$", NodeCommandLine.VersionLine);
    }

    [Fact]
    public void Printing_the_options_never_shows_the_rpc_password()
    {
        var options = NodeCommandLine.Parse(["--rpc-login", "alice:hunter2", "--add-exclusive-node", "127.0.0.1:28080"]).Options!;

        Assert.DoesNotContain("hunter2", options.ToString());
        Assert.DoesNotContain("hunter2", options.Summary());
        Assert.Contains("exclusive=127.0.0.1:28080", options.ToString());
    }
}
