using System.Net;
using MoneroNet.Rpc.Node;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Hosting;

/// <summary>
/// monerod's own console commands, run as an RPC client against our server with a fake node: each must succeed and
/// show the fake node's data. The RPC calls each makes (src/daemon/rpc_command_executor.cpp, 0.18): print_pl →
/// /get_peer_list; status → /getinfo, hard_fork_info, /mining_status (not served: it then says "mining info
/// unavailable"); sync_info → sync_info; bans → get_bans; ban/unban → set_bans; in_peers/out_peers → /in_peers,
/// /out_peers.
/// </summary>
public sealed class MonerodConsoleCommandsTests
{
    private static PeerListEntrySnapshot Peer(string ip, ushort port, ulong id, uint pruningSeed = 0, ushort rpcPort = 0) => new()
    {
        AddressType = IPAddress.Parse(ip).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? (byte)1 : (byte)2,
        Ip = IPAddress.Parse(ip),
        Port = port,
        PeerId = id,
        LastSeenUnixSeconds = 0,
        PruningSeed = pruningSeed,
        RpcPort = rpcPort,
        RpcCreditsPerHash = 0,
        Blocked = false,
    };

    [Fact]
    public async Task Print_pl_lists_white_and_gray_peers()
    {
        var node = new FakeNodeQuery
        {
            PublicPeerLists = new PeerListsSnapshot(
                [Peer("192.0.2.10", 28080, 0x697272aa11223344, rpcPort: 28081)],
                [Peer("198.51.100.20", 28081, 0x0000000000abcdef, pruningSeed: 0x181)]),
        };
        await using var server = await RunningServer.StartAsync(node: node);

        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, "print_pl");

        Assert.Contains("white", output, StringComparison.Ordinal);
        Assert.Contains("697272aa11223344", output, StringComparison.Ordinal);
        Assert.Contains("192.0.2.10:28080", output, StringComparison.Ordinal);
        Assert.Contains("28081", output, StringComparison.Ordinal);
        Assert.Contains("gray", output, StringComparison.Ordinal);
        Assert.Contains("0000000000abcdef", output, StringComparison.Ordinal);
        Assert.Contains("198.51.100.20:28081", output, StringComparison.Ordinal);
        Assert.Contains("181", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_shows_height_network_fork_and_connection_counts()
    {
        var node = new FakeNodeQuery();
        node.Info = node.Info with { IncomingConnections = 3, OutgoingConnections = 2, Synchronized = true };
        await using var server = await RunningServer.StartAsync(node: node);

        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, "status");

        Assert.Contains("Height: 1/1 (100.0%) on testnet", output, StringComparison.Ordinal);
        Assert.Contains(", v1,", output, StringComparison.Ordinal);
        Assert.Contains("2(out)+3(in) connections", output, StringComparison.Ordinal);
        Assert.Contains("uptime", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_info_shows_height_target_seed_and_peers()
    {
        var peer = Snapshots.Ipv4(host: "127.0.0.23", port: 40001) with { PeerId = 0x5566778899aabbcc, Height = 7 };
        var node = new FakeNodeQuery(peer);
        node.Info = node.Info with { BestPeerHeight = 7, IncomingConnections = 1 };
        await using var server = await RunningServer.StartAsync(node: node);

        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, "sync_info");

        Assert.Contains("Height: 1, target: 7", output, StringComparison.Ordinal);
        Assert.Contains("1 peers", output, StringComparison.Ordinal);
        Assert.Contains("127.0.0.23:40001", output, StringComparison.Ordinal);
        Assert.Contains("5566778899aabbcc", output, StringComparison.Ordinal);
        Assert.Contains("0 spans, 0 MB", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bans_lists_each_ban_with_its_remaining_seconds()
    {
        await using var server = await RunningServer.StartAsync();
        server.Control.Ban(IPAddress.Parse("192.0.2.9"), TimeSpan.FromSeconds(3600));
        server.Control.Ban(new IPNetwork(IPAddress.Parse("198.51.100.0"), 24), TimeSpan.FromSeconds(600));

        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, "bans");

        Assert.Contains("192.0.2.9 banned for 3600 seconds", output, StringComparison.Ordinal);
        Assert.Contains("198.51.100.0/24 banned for 600 seconds", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bans_says_so_when_nobody_is_banned()
    {
        await using var server = await RunningServer.StartAsync();

        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, "bans");

        Assert.Contains("No IPs are banned", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ban_then_unban_reach_the_node()
    {
        await using var server = await RunningServer.StartAsync();

        await MonerodConsole.RunAsync(server.EndPoint.Port, "ban", "192.0.2.7");
        Assert.True(server.Node.IsBanned(IPAddress.Parse("192.0.2.7"), out var seconds));
        Assert.Equal(86400, seconds); // the console's default ban time

        await MonerodConsole.RunAsync(server.EndPoint.Port, "unban", "192.0.2.7");
        Assert.False(server.Node.IsBanned(IPAddress.Parse("192.0.2.7"), out _));
        Assert.Equal(["ban 192.0.2.7 86400", "unban 192.0.2.7"], server.Control.Calls);
    }

    [Theory]
    [InlineData("in_peers", "Max number of in peers set to 5")]
    [InlineData("out_peers", "Max number of out peers set to 5")]
    public async Task Peer_limit_commands_set_the_limit(string command, string expected)
    {
        await using var server = await RunningServer.StartAsync();

        var output = await MonerodConsole.RunAsync(server.EndPoint.Port, command, "5");

        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Equal([$"{command} 5"], server.Control.Calls);
        var info = server.Node.GetNodeInfo();
        Assert.Equal(5u, command == "in_peers" ? info.InPeersLimit : info.OutPeersLimit);
    }
}
