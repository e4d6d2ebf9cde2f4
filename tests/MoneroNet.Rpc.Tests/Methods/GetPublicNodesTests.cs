using System.Net;
using System.Text.Json;
using MoneroNet.Rpc.Node;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

/// <summary>
/// /get_public_nodes as monerod 0.18: the peer-list entries that advertised an RPC port, white by default, gray on
/// request, banned ones only with include_blocked; also answered by a restricted server.
/// </summary>
public sealed class GetPublicNodesTests
{
    private static PeerListEntrySnapshot Entry(string ip, ushort rpcPort, bool blocked = false) => new()
    {
        AddressType = 1, Ip = IPAddress.Parse(ip), Port = 18080, PeerId = 7, LastSeenUnixSeconds = 1_700_000_000,
        PruningSeed = 0, RpcPort = rpcPort, RpcCreditsPerHash = 0, Blocked = blocked,
    };

    private static FakeNodeQuery Node() => new()
    {
        PublicPeerLists = new PeerListsSnapshot(
            White: [Entry("192.0.2.1", 18089), Entry("192.0.2.2", 0), Entry("192.0.2.3", 18081, blocked: true)],
            Gray: [Entry("198.51.100.1", 18089)]),
    };

    [Fact]
    public async Task Only_peers_with_an_rpc_port_are_listed_white_by_default()
    {
        await using var server = await RunningServer.StartAsync(node: Node());

        using var doc = await PostAsync(server, "{}");

        var white = doc.RootElement.GetProperty("white");
        var node = Assert.Single(white.EnumerateArray());
        Assert.Equal("192.0.2.1", node.GetProperty("host").GetString());
        Assert.Equal(18089, node.GetProperty("rpc_port").GetInt32());
        Assert.Equal(1_700_000_000, node.GetProperty("last_seen").GetInt64());
        Assert.Equal(0, node.GetProperty("rpc_credits_per_hash").GetInt32());
        Assert.Empty(doc.RootElement.GetProperty("gray").EnumerateArray());
        Assert.Equal("OK", doc.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Gray_and_blocked_entries_on_request_and_restricted_servers_answer()
    {
        await using var server = await RunningServer.StartAsync(restricted: true, node: Node());

        using var doc = await PostAsync(server, """{"gray": true, "white": true, "include_blocked": true}""");

        Assert.Equal(["192.0.2.1", "192.0.2.3"], doc.RootElement.GetProperty("white").EnumerateArray().Select(e => e.GetProperty("host").GetString()));
        Assert.Equal("198.51.100.1", Assert.Single(doc.RootElement.GetProperty("gray").EnumerateArray()).GetProperty("host").GetString());
    }

    private static async Task<JsonDocument> PostAsync(RunningServer server, string body)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync($"http://{server.EndPoint}/get_public_nodes", new StringContent(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
