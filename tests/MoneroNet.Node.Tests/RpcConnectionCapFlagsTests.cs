using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Tests;

/// <summary>--rpc-max-connections, --rpc-max-connections-per-public-ip, --rpc-max-connections-per-private-ip.</summary>
public sealed class RpcConnectionCapFlagsTests
{
    private static CommandLineResult Parse(params string[] args) => NodeCommandLine.Parse(args, "/home/x", "/");

    [Fact]
    public void Defaults_are_monerods_and_reach_both_rpc_servers()
    {
        var options = Assert.IsType<NodeOptions>(Parse("--rpc-restricted-bind-port", "18089").Options);
        Assert.Equal((100, 3, 25), (options.RpcMaxConnections, options.RpcMaxConnectionsPerPublicIp, options.RpcMaxConnectionsPerPrivateIp));
        var servers = NodeHost.RpcServerOptionsFor(options, null, null);
        Assert.Equal(2, servers.Count);
        Assert.All(servers, s => Assert.Equal((100, 3, 25), (s.MaxConnections, s.MaxConnectionsPerPublicIp, s.MaxConnectionsPerPrivateIp)));
    }

    [Fact]
    public void Given_values_reach_both_rpc_servers()
    {
        var result = Parse("--rpc-max-connections", "40", "--rpc-max-connections-per-public-ip", "2",
            "--rpc-max-connections-per-private-ip", "40", "--rpc-restricted-bind-port", "18089");
        var options = Assert.IsType<NodeOptions>(result.Options);
        Assert.All(NodeHost.RpcServerOptionsFor(options, null, null),
            s => Assert.Equal((40, 2, 40), (s.MaxConnections, s.MaxConnectionsPerPublicIp, s.MaxConnectionsPerPrivateIp)));
    }

    [Theory]
    [InlineData("--rpc-max-connections-per-public-ip", "rpc-max-connections-per-public-ip is bigger than rpc-max-connections")]
    [InlineData("--rpc-max-connections-per-private-ip", "rpc-max-connections-per-private-ip is bigger than rpc-max-connections")]
    public void A_per_address_cap_above_the_total_is_refused_as_monerod_does(string flag, string message)
    {
        string other = flag.EndsWith("public-ip", StringComparison.Ordinal)
            ? "--rpc-max-connections-per-private-ip" : "--rpc-max-connections-per-public-ip";
        var result = Parse("--rpc-max-connections", "2", other, "1", flag, "3");
        Assert.Equal(CommandLineAction.Fail, result.Action);
        Assert.Equal(message, result.Error);
    }

    [Fact]
    public void The_default_private_cap_is_refused_above_a_small_total()
    {
        // monerod: --rpc-max-connections 10 alone fails, since the private default is 25.
        Assert.Equal(CommandLineAction.Fail, Parse("--rpc-max-connections", "10").Action);
    }
}
