using System.Text.Json;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

/// <summary>get_info and sync_info fields that no transcript pins down: live counts, target height, pruning seed.</summary>
public sealed class GetInfoSemanticsTests
{
    private static async Task<JsonElement> GetInfoAsync(RunningServer server)
    {
        var answer = await server.SendAsync(RawHttp.Request("POST", "/get_info", "{}"));
        return JsonDocument.Parse(answer.BodyText).RootElement.Clone();
    }

    [Fact]
    public async Task Rpc_connections_count_counts_open_connections_including_the_callers()
    {
        await using var server = await RunningServer.StartAsync();
        using var idle = new System.Net.Sockets.TcpClient();
        await idle.ConnectAsync(server.EndPoint);
        await Polling.UntilAsync(() => server.Server.OpenConnections == 1);

        var info = await GetInfoAsync(server);

        Assert.Equal(2UL, info.GetProperty("rpc_connections_count").GetUInt64());
    }

    [Fact]
    public async Task A_peer_ahead_of_us_is_the_target_height_while_not_synchronized()
    {
        var node = new FakeNodeQuery();
        node.Info = node.Info with { BestPeerHeight = 1500, Synchronized = false };
        await using var server = await RunningServer.StartAsync(node: node);

        var info = await GetInfoAsync(server);

        Assert.Equal(1500UL, info.GetProperty("target_height").GetUInt64());
        Assert.False(info.GetProperty("synchronized").GetBoolean());
    }

    [Fact]
    public async Task Regtest_is_fakechain_with_the_newest_fork_rules()
    {
        var node = new FakeNodeQuery();
        node.Info = node.Info with { Network = Rpc.Node.NodeNetwork.Fakechain };
        await using var server = await RunningServer.StartAsync(node: node);

        var info = await GetInfoAsync(server);

        Assert.Equal("fakechain", info.GetProperty("nettype").GetString());
        Assert.False(info.GetProperty("mainnet").GetBoolean() || info.GetProperty("testnet").GetBoolean() || info.GetProperty("stagenet").GetBoolean());
        Assert.Equal(120UL, info.GetProperty("target").GetUInt64());
        Assert.Equal(600000UL, info.GetProperty("block_weight_limit").GetUInt64());
    }

    [Fact]
    public async Task Next_needed_pruning_seed_is_0_near_a_known_tip()
    {
        var node = new FakeNodeQuery(Snapshots.Ipv4() with { Height = 100 });
        node.Info = node.Info with { BestPeerHeight = 100 };
        await using var server = await RunningServer.StartAsync(node: node);

        var answer = await server.SendAsync(RawHttp.Request("POST", "/json_rpc", "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"sync_info\"}"));
        var result = JsonDocument.Parse(answer.BodyText).RootElement.GetProperty("result");

        Assert.Equal(0UL, result.GetProperty("next_needed_pruning_seed").GetUInt64());
        Assert.Equal(100UL, result.GetProperty("target_height").GetUInt64());
    }
}
