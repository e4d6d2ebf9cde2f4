using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.Netinfo;
using MoneroNet.Rpc.Security;

namespace MoneroNet.Node.Tests.Netinfo;

/// <summary>
/// The client against a real in-process node (regtest, loopback, an exclusive peer that is never there) behind
/// --rpc-login: digest authentication as the node requires it, and the errors a wrong login and a restricted server
/// give.
/// </summary>
public sealed class NetinfoRpcClientTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("moneronet-netinfo-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task ReadsTheNodeWithDigestLogin_AndNamesTheRefusalWithout()
    {
        var port = FreePort();
        var restrictedPort = FreePort();
        var result = NodeCommandLine.Parse(
        [
            "--regtest", "--data-dir", Path.Combine(_home, "data"), "--p2p-bind-ip", "127.0.0.1", "--p2p-bind-port", "0",
            "--add-exclusive-node", "127.0.0.1:1", "--rpc-bind-port", port.ToString(), "--rpc-ssl", "disabled",
            "--rpc-restricted-bind-port", restrictedPort.ToString(), "--rpc-login", "alice:pw",
        ], _home, _home);
        Assert.True(result.Action == CommandLineAction.Run, result.Error);
        using var stop = new CancellationTokenSource();
        var prompt = new RpcLoginPrompt(haveTerminal: false, () => null, TextWriter.Null);
        var run = NodeHost.RunAsync(result.Options!, prompt, NullLoggerFactory.Instance, stop.Token);
        try
        {
            var endPoint = new IPEndPoint(IPAddress.Loopback, port);
            using var alice = new NetinfoRpcClient(endPoint, new RpcLogin("alice", "pw"));
            var snapshot = await ReadWhenUpAsync(alice);
            Assert.True(snapshot.HasExtendedFacts);
            Assert.Equal("fakechain", snapshot.Network);
            Assert.Equal(1UL, snapshot.Height);
            Assert.Empty(snapshot.Peers);
            Assert.Equal(endPoint.ToString(), snapshot.RpcEndPoint);
            Assert.NotNull(snapshot.TotalBytesIn);
            Assert.NotNull(snapshot.Rtt);

            using var anonymous = new NetinfoRpcClient(endPoint, null);
            var refused = await Assert.ThrowsAsync<NetinfoException>(() => anonymous.ReadAsync(CancellationToken.None));
            Assert.Equal($"netinfo: {endPoint} refused the RPC login (HTTP 401): give --rpc-login USER:PASS", refused.Message);

            using var wrong = new NetinfoRpcClient(endPoint, new RpcLogin("alice", "nope"));
            await Assert.ThrowsAsync<NetinfoException>(() => wrong.ReadAsync(CancellationToken.None));

            var restricted = new IPEndPoint(IPAddress.Loopback, restrictedPort);
            using var onRestricted = new NetinfoRpcClient(restricted, new RpcLogin("alice", "pw"));
            var notServed = await Assert.ThrowsAsync<NetinfoException>(() => onRestricted.ReadAsync(CancellationToken.None));
            Assert.Equal($"netinfo: {restricted} does not serve get_connections (a restricted RPC port?)", notServed.Message);
        }
        finally
        {
            stop.Cancel();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));
        }
    }

    private static async Task<NetinfoSnapshot> ReadWhenUpAsync(NetinfoRpcClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                return await client.ReadAsync(CancellationToken.None);
            }
            catch (NetinfoException e) when (e.Message.Contains("cannot reach", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
