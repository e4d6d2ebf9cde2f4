using System.Net;
using MoneroNet.Node.Netinfo;

namespace MoneroNet.Node.Tests.Netinfo;

public sealed class NetinfoArgumentsTests
{
    [Theory]
    [InlineData(new string[0], 18081)]
    [InlineData(new[] { "--testnet" }, 28081)]
    [InlineData(new[] { "--stagenet" }, 38081)]
    [InlineData(new[] { "--testnet", "--rpc-bind-port", "40000" }, 40000)]
    [InlineData(new[] { "--rpc-bind-port=40001" }, 40001)]
    public void RpcPort_FollowsTheNetworkAsTheNodesDefault(string[] args, int port)
    {
        var (parsed, error) = NetinfoArguments.Parse(args);
        Assert.Null(error);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), parsed!.RpcEndPoint);
        Assert.Equal(0, parsed.Level);
        Assert.False(parsed.Watch);
    }

    [Fact]
    public void LevelWatchIpAndLogin_AreRead()
    {
        var (parsed, error) = NetinfoArguments.Parse(["3", "--watch", "--rpc-bind-ip", "127.0.0.2", "--rpc-login", "alice:pw"]);
        Assert.Null(error);
        Assert.Equal(3, parsed!.Level);
        Assert.True(parsed.Watch);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), parsed.RpcEndPoint.Address);
        Assert.Equal("alice:pw", parsed.RpcLogin);
    }

    [Fact]
    public void AnyAddress_IsReachedOnLoopback()
    {
        Assert.Equal(IPAddress.Loopback, NetinfoArguments.Parse(["--rpc-bind-ip", "0.0.0.0"]).Arguments!.RpcEndPoint.Address);
    }

    [Theory]
    [InlineData(new[] { "5" }, "the level is one of 0 1 2 3 4")]
    [InlineData(new[] { "1", "2" }, "the level is one of 0 1 2 3 4")]
    [InlineData(new[] { "--verbose" }, "unknown option --verbose")]
    [InlineData(new[] { "--rpc-bind-port", "0" }, "--rpc-bind-port needs a port 1..65535")]
    [InlineData(new[] { "--rpc-bind-port" }, "--rpc-bind-port needs a port 1..65535")]
    [InlineData(new[] { "--rpc-bind-ip", "nowhere" }, "--rpc-bind-ip needs an IP address")]
    [InlineData(new[] { "--testnet", "--stagenet" }, "--testnet and --stagenet together")]
    public void BadArguments_AreOneErrorStartingWithNetinfo(string[] args, string expected)
    {
        var (parsed, error) = NetinfoArguments.Parse(args);
        Assert.Null(parsed);
        Assert.StartsWith("netinfo: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_SaysWhatEachLevelShows()
    {
        Assert.True(NetinfoArguments.Parse(["--help"]).Arguments!.ShowHelp);
        for (var level = 0; level <= 4; level++)
            Assert.Contains($"\n  {level}  ", NetinfoArguments.HelpText, StringComparison.Ordinal);
        Assert.Contains("--watch", NetinfoArguments.HelpText, StringComparison.Ordinal);
    }
}
