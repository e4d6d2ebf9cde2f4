using System.Net;
using MoneroNet.Node.CommandLine;
using MoneroNet.Wire;

namespace MoneroNet.Node.Tests;

/// <summary>What an empty or network-only command line yields: monerod 0.18's defaults per network.</summary>
public sealed class CommandLineDefaultsTests
{
    private const string Home = "/home/newcomer";
    private const string Cwd = "/srv/work";

    private static NodeOptions Run(params string[] args)
    {
        var result = NodeCommandLine.Parse(args, Home, Cwd);
        Assert.Equal(CommandLineAction.Run, result.Action);
        Assert.Null(result.Error);
        return Assert.IsType<NodeOptions>(result.Options);
    }

    [Theory]
    [InlineData(null, NetworkType.Mainnet, 18080, 18081, "/home/newcomer/.bitmonero")]
    [InlineData("--testnet", NetworkType.Testnet, 28080, 28081, "/home/newcomer/.bitmonero/testnet")]
    [InlineData("--stagenet", NetworkType.Stagenet, 38080, 38081, "/home/newcomer/.bitmonero/stagenet")]
    [InlineData("--regtest", NetworkType.Regtest, 18080, 18081, "/home/newcomer/.bitmonero")]
    public void Network_selects_ports_and_data_dir(string? flag, NetworkType network, int p2pPort, int rpcPort, string dataDir)
    {
        var options = Run(flag is null ? [] : [flag]);

        Assert.Equal(network, options.Network);
        Assert.Equal(p2pPort, options.P2pBindPort);
        Assert.Equal(p2pPort, options.P2pBindPortIpv6);
        Assert.Equal(rpcPort, options.RpcBindPort);
        Assert.Equal(dataDir, options.DataDir);
        Assert.Equal(Path.Combine(dataDir, "moneronet.log"), options.LogFile);
    }

    [Fact]
    public void Everything_else_defaults_as_monerod()
    {
        var options = Run();

        Assert.Equal(IPAddress.Any, options.P2pBindIp);
        Assert.Equal(IPAddress.IPv6Any, options.P2pBindIpv6Address);
        Assert.False(options.P2pUseIpv6);
        Assert.Equal(IPAddress.Loopback, options.RpcBindIp);
        Assert.Equal(IPAddress.IPv6Loopback, options.RpcBindIpv6Address);
        Assert.Equal(IPAddress.Loopback, options.RpcRestrictedBindIp);
        Assert.Null(options.RpcRestrictedBindPort);
        Assert.False(options.RestrictedRpc);
        Assert.Null(options.RpcLogin);
        Assert.Equal(RpcSslMode.Autodetect, options.RpcSsl);
        Assert.Empty(options.ExclusiveNodes);
        Assert.Empty(options.PriorityNodes);
        Assert.Empty(options.Peers);
        Assert.Equal(1, options.MaxConnectionsPerIp);
        Assert.Equal(-1, options.InPeers);
        Assert.Null(options.MaxInPeers);
        Assert.Equal(-1, options.OutPeers);
        Assert.Equal(12, options.MaxOutPeers);
        Assert.False(options.HideMyPort);
        Assert.Equal(0, options.LogLevel);
        Assert.Equal(104_850_000, options.MaxLogFileSize);
        Assert.Equal(50, options.MaxLogFiles);
        Assert.Equal("notify", options.CheckUpdates);
        Assert.Null(options.ConfigFile);
        Assert.Null(options.BanList);
    }

    [Fact]
    public void Explicit_data_dir_still_gets_the_network_subfolder_as_in_monerod_0_18()
    {
        Assert.Equal("/data/xmr/testnet", Run("--testnet", "--data-dir", "/data/xmr").DataDir);
        Assert.Equal("/data/xmr/stagenet", Run("--stagenet", "--data-dir", "/data/xmr").DataDir);
        Assert.Equal("/data/xmr", Run("--regtest", "--data-dir", "/data/xmr").DataDir);
    }

    [Fact]
    public void Relative_paths_are_made_absolute_against_the_current_directory()
    {
        var options = Run("--data-dir", "node1", "--ban-list", "lists/ban.txt", "--rpc-ssl-certificate", "c.pem");

        Assert.Equal("/srv/work/node1", options.DataDir);
        Assert.Equal("/srv/work/lists/ban.txt", options.BanList);
        Assert.Equal("/srv/work/c.pem", options.RpcSslCertificate);
    }

    [Fact]
    public void A_bare_log_file_name_goes_into_the_data_dir_and_a_path_is_kept()
    {
        Assert.Equal("/home/newcomer/.bitmonero/testnet/node.log", Run("--testnet", "--log-file", "node.log").LogFile);
        Assert.Equal("/srv/work/logs/node.log", Run("--log-file", "logs/node.log").LogFile);
        Assert.Equal("/var/log/node.log", Run("--log-file", "/var/log/node.log").LogFile);
    }
}
