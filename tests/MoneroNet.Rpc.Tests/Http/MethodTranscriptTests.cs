using System.Net;
using System.Text;
using System.Text.Json;
using MoneroNet.Rpc.Methods.Info;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Http;

/// <summary>
/// Each method against real-monerod transcripts: the exact request bytes go to our server (real Kestrel) with the fake
/// node set to the state the transcript shows; the answer must equal monerod's byte for byte, except for MoneroNet's
/// deliberate, documented differences: empty lists printed as [], database_size 0 (no database), our own version, and
/// adjusted_time / free space being ours.
/// </summary>
public sealed class MethodTranscriptTests
{
    private static async Task ReplayAsync(RunningServer server, string name, Func<string, string>? expected = null)
    {
        var transcript = Transcript.Load(name);
        var actual = await server.SendAsync(transcript.Request);
        var body = (expected ?? (b => b))(transcript.Response!.BodyText);
        TranscriptReplayTests.AssertSameAnswer(transcript.Response!, actual, Encoding.UTF8.GetBytes(body));
    }

    private static JsonElement ResultOf(string name)
    {
        using var document = JsonDocument.Parse(Transcript.Load(name).Response!.BodyText);
        return TranscriptFacts.Result(document).Clone();
    }

    [Theory]
    [InlineData("get_info__uri__B.txt")]
    [InlineData("get_info__jsonrpc__B.txt")]
    [InlineData("get_info__F_white_peers.txt")]
    [InlineData("get_info__E_three_states.txt")]
    [InlineData("get_info__R1_regtest_jsonrpc.txt")]
    [InlineData("get_info__R2_regtest_uri.txt")]
    public async Task Get_info_matches_monerod(string name)
    {
        var node = new FakeNodeQuery { Info = TranscriptFacts.InfoFromGetInfo(ResultOf(name)) };
        await using var server = await RunningServer.StartAsync(node: node);

        await ReplayAsync(server, name, body => OurGetInfoValues(body, server.Now, GetInfoMethod.Version));
    }

    [Fact]
    public async Task Get_info_in_restricted_mode_hides_node_details_like_monerod()
    {
        const string name = "restricted__get_info_jsonrpc.txt";
        var node = new FakeNodeQuery { Info = TranscriptFacts.InfoFromGetInfo(ResultOf(name)) };
        node.Info = node.Info with
        {
            StartedUnixSeconds = 1795846000,
            IncomingConnections = 4,
            OutgoingConnections = 5,
            WhitePeerlistSize = 6,
            GrayPeerlistSize = 7,
            FreeSpaceBytes = 123,
        };
        await using var server = await RunningServer.StartAsync(restricted: true, node: node);

        await ReplayAsync(server, name, body => OurGetInfoValues(body, server.Now, ""));
    }

    private static string OurGetInfoValues(string body, long now, string version)
    {
        body = TranscriptFacts.WithValue(body, "adjusted_time", TranscriptFacts.Number(now));
        body = TranscriptFacts.WithValue(body, "database_size", "0");
        return TranscriptFacts.WithValue(body, "version", $"\"{version}\"");
    }

    [Theory]
    [InlineData("sync_info__A.txt", 1UL)]
    [InlineData("sync_info__R1_regtest.txt", 4UL)]
    [InlineData("sync_info__R2_regtest.txt", 4UL)]
    [InlineData("sync_info__no_connections.txt", 1UL)]
    public async Task Sync_info_matches_monerod(string name, ulong chainHeight)
    {
        var node = new FakeNodeQuery();
        node.Info = node.Info with { ChainHeight = chainHeight, Synchronized = true };
        await using var server = await RunningServer.StartAsync(node: node);
        var result = ResultOf(name);
        node.Connections = result.TryGetProperty("peers", out var peers)
            ? Snapshots.FromConnectionInfos(peers.EnumerateArray().Select(p => p.GetProperty("info")), server.Now)
            : [];

        await ReplayAsync(server, name, body => MonerodBody.WithEmptyArrays(body, "peers", "spans"));
    }

    [Theory]
    [InlineData("get_peer_list__A.txt")]
    [InlineData("get_peer_list__B.txt")]
    [InlineData("get_peer_list__F_public_only_false.txt")]
    [InlineData("get_peer_list__F_with_white_peers.txt")]
    [InlineData("get_peer_list__R1_regtest.txt")]
    public async Task Get_peer_list_matches_monerod(string name)
    {
        var node = new FakeNodeQuery { PublicPeerLists = TranscriptFacts.PeerLists(ResultOf(name)) };
        await using var server = await RunningServer.StartAsync(node: node);

        await ReplayAsync(server, name, body => MonerodBody.WithEmptyArrays(body, "gray_list", "white_list"));
    }

    [Theory]
    [InlineData("get_net_stats__A.txt")]
    [InlineData("get_net_stats__B.txt")]
    [InlineData("get_net_stats__R1_regtest.txt")]
    [InlineData("get_net_stats__R2_regtest.txt")]
    public async Task Get_net_stats_matches_monerod(string name)
    {
        var node = new FakeNodeQuery { NetStats = TranscriptFacts.NetStats(ResultOf(name)) };
        await using var server = await RunningServer.StartAsync(node: node);

        await ReplayAsync(server, name);
    }

    [Theory]
    [InlineData("in_peers__query__R1.txt", uint.MaxValue, 12u, null)]
    [InlineData("in_peers__query_set_false__A.txt", uint.MaxValue, 12u, null)]
    [InlineData("in_peers__set_1__R1.txt", uint.MaxValue, 12u, "in_peers 1")]
    [InlineData("in_peers__set_default_by_omitting_set__R1.txt", 1u, 12u, "in_peers 64")]
    [InlineData("out_peers__query__R1.txt", uint.MaxValue, 12u, null)]
    [InlineData("out_peers__query_after_set__R2.txt", uint.MaxValue, 8u, null)]
    [InlineData("out_peers__set_8__R2.txt", uint.MaxValue, 12u, "out_peers 8")]
    public async Task Peer_limits_match_monerod(string name, uint inPeers, uint outPeers, string? expectedCall)
    {
        var node = new FakeNodeQuery();
        node.Info = node.Info with { InPeersLimit = inPeers, OutPeersLimit = outPeers };
        await using var server = await RunningServer.StartAsync(node: node);

        await ReplayAsync(server, name);

        Assert.Equal(expectedCall is null ? [] : [expectedCall], server.Control.Calls);
    }

    /// <summary>
    /// The ban transcripts were taken in one sequence on one node: set three bans, read them 2 s later, ask banned 4 s
    /// and 5 s later, lift the host ban, read again 8 s later. Replayed in that order against one fake node.
    /// </summary>
    [Fact]
    public async Task Ban_sequence_matches_monerod()
    {
        await using var server = await RunningServer.StartAsync();
        var start = server.Node.Now;

        await ReplayAsync(server, "set_bans__host_subnet_ip.txt");
        Assert.Equal(["ban 192.0.2.7 3600", "ban 198.51.100.0/24 600", "ban 10.0.0.10 120"], server.Control.Calls);

        server.Node.Now = start + 2;
        await ReplayAsync(server, "get_bans__after_set.txt");

        server.Node.Now = start + 4;
        await ReplayAsync(server, "banned__host_true.txt");

        server.Node.Now = start + 5;
        await ReplayAsync(server, "banned__in_banned_subnet.txt");
        await ReplayAsync(server, "banned__false.txt");

        await ReplayAsync(server, "set_bans__unban_host.txt");
        server.Node.Now = start + 8;
        await ReplayAsync(server, "get_bans__after_unban.txt");
        Assert.Equal("unban 192.0.2.7", server.Control.Calls[^1]);
    }

    [Fact]
    public async Task Set_bans_with_a_bad_host_is_refused_like_monerod()
    {
        await using var server = await RunningServer.StartAsync();

        await ReplayAsync(server, "set_bans__bad_host.txt");

        Assert.Empty(server.Control.Calls);
    }

    [Fact]
    public async Task Set_bans_on_a_connected_peer_reaches_the_node()
    {
        await using var server = await RunningServer.StartAsync();

        await ReplayAsync(server, "set_bans__ban_connected_peer_127.0.0.30.txt");

        Assert.Equal(["ban 127.0.0.30 60"], server.Control.Calls);
    }

    [Fact]
    public async Task Get_bans_without_bans_matches_monerod()
    {
        await using var server = await RunningServer.StartAsync();

        await ReplayAsync(server, "get_bans__empty__H.txt", body => MonerodBody.WithEmptyArrays(body, "bans"));
    }

    [Theory]
    [InlineData("restricted__get_net_stats_404.txt")]
    [InlineData("restricted__get_peer_list_404.txt")]
    [InlineData("restricted__in_peers_404.txt")]
    [InlineData("restricted__set_bans_refused.txt")]
    [InlineData("restricted__sync_info_refused.txt")]
    public async Task Restricted_server_refuses_admin_methods_like_monerod(string name)
    {
        await using var server = await RunningServer.StartAsync(restricted: true);
        server.Node.Info = server.Node.Info with { InPeersLimit = 3 };

        await ReplayAsync(server, name);

        Assert.Empty(server.Control.Calls);
        Assert.Empty(server.Node.PeerListRequests);
        Assert.False(server.Node.IsBanned(IPAddress.Parse("192.0.2.7"), out _));
    }
}
