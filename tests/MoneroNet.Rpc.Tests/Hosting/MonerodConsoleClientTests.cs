using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Hosting;

/// <summary>
/// Runs real monerod as an RPC console client against our server: `monerod print_cn` only calls JSON-RPC
/// get_connections on the given RPC address (TLS first, then plain, with the default --rpc-ssl autodetect).
/// Needs /usr/bin/monerod, which ./run-tests installs; the test fails when it is missing.
/// </summary>
public sealed class MonerodConsoleClientTests
{
    [Fact]
    public async Task Monerod_print_cn_lists_our_connections()
    {
        var ipv4 = Snapshots.Ipv4(host: "127.0.0.22", port: 35365) with { PeerId = 0x0a0b0c0d01020304 };
        var ipv6 = Snapshots.Ipv4() with
        {
            AddressType = 2,
            Address = "[::1]:38350",
            Host = "::1",
            Port = 38350,
            PeerId = 0x1122334455667788,
            Incoming = false,
            State = "synchronizing",
        };
        await using var server = await RunningServer.StartAsync(node: new FakeNodeQuery(ipv4, ipv6));
        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, "print_cn");

        Assert.Contains("Remote Host", output, StringComparison.Ordinal);
        Assert.Contains("INC 127.0.0.22:35365", output, StringComparison.Ordinal);
        Assert.Contains("0a0b0c0d01020304", output, StringComparison.Ordinal);
        Assert.Contains("OUT ::1:38350", output, StringComparison.Ordinal); // monerod joins ip ":" port
        Assert.Contains("1122334455667788", output, StringComparison.Ordinal);
        Assert.Contains("synchronizing", output, StringComparison.Ordinal);
        Assert.Equal(1, server.Node.Calls);
    }
}
