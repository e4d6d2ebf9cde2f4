using System.Globalization;
using System.Net;
using System.Text.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>
/// Rebuilds the fake node's state from the values a monerod transcript shows (read with System.Text.Json,
/// independently of the code under test), so that our answer can be compared with monerod's byte for byte.
/// </summary>
internal static class TranscriptFacts
{
    /// <summary>The response object: <c>result</c> of a JSON-RPC answer, or the whole body of a URI answer.</summary>
    public static JsonElement Result(JsonDocument document) =>
        document.RootElement.TryGetProperty("result", out var result) ? result : document.RootElement;

    public static NodeInfoSnapshot InfoFromGetInfo(JsonElement r) => new()
    {
        Network = r.GetProperty("nettype").GetString() switch
        {
            "mainnet" => NodeNetwork.Mainnet,
            "testnet" => NodeNetwork.Testnet,
            "stagenet" => NodeNetwork.Stagenet,
            _ => NodeNetwork.Fakechain,
        },
        StartedUnixSeconds = r.GetProperty("start_time").GetInt64(),
        InPeersLimit = uint.MaxValue,
        OutPeersLimit = 12,
        IncomingConnections = r.GetProperty("incoming_connections_count").GetUInt64(),
        OutgoingConnections = r.GetProperty("outgoing_connections_count").GetUInt64(),
        WhitePeerlistSize = r.GetProperty("white_peerlist_size").GetUInt64(),
        GrayPeerlistSize = r.GetProperty("grey_peerlist_size").GetUInt64(),
        ChainHeight = r.GetProperty("height").GetUInt64(),
        TopBlockHash = r.GetProperty("top_block_hash").GetString()!,
        CumulativeDifficulty = new UInt128(
            r.GetProperty("cumulative_difficulty_top64").GetUInt64(), r.GetProperty("cumulative_difficulty").GetUInt64()),
        BestPeerHeight = r.GetProperty("target_height").GetUInt64(),
        Synchronized = r.GetProperty("synchronized").GetBoolean(),
        FreeSpaceBytes = r.GetProperty("free_space").GetUInt64(),
    };

    public static NetStatsSnapshot NetStats(JsonElement r) => new()
    {
        StartedUnixSeconds = r.GetProperty("start_time").GetInt64(),
        TotalBytesIn = r.GetProperty("total_bytes_in").GetUInt64(),
        TotalBytesOut = r.GetProperty("total_bytes_out").GetUInt64(),
        TotalPacketsIn = r.GetProperty("total_packets_in").GetUInt64(),
        TotalPacketsOut = r.GetProperty("total_packets_out").GetUInt64(),
    };

    public static PeerListsSnapshot PeerLists(JsonElement r) => new(Entries(r, "white_list"), Entries(r, "gray_list"));

    private static List<PeerListEntrySnapshot> Entries(JsonElement r, string name)
    {
        if (!r.TryGetProperty(name, out var list))
        {
            return [];
        }

        return list.EnumerateArray().Select(e =>
        {
            var host = e.GetProperty("host").GetString()!;
            var ip = IPAddress.TryParse(host, out var parsed) ? parsed : null;
            return new PeerListEntrySnapshot
            {
                AddressType = ip is null ? (byte)4 : ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? (byte)1 : (byte)2,
                Ip = ip,
                Text = ip is null ? host : null,
                Port = e.GetProperty("port").GetUInt16(),
                PeerId = e.GetProperty("id").GetUInt64(),
                LastSeenUnixSeconds = e.GetProperty("last_seen").GetInt64(),
                PruningSeed = Optional(e, "pruning_seed"),
                RpcPort = (ushort)Optional(e, "rpc_port"),
                RpcCreditsPerHash = Optional(e, "rpc_credits_per_hash"),
                Blocked = false,
            };
        }).ToList();
    }

    private static uint Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetUInt32() : 0;

    /// <summary>Replaces the value of <c>"key": …</c> on its line (a scalar) with <paramref name="value"/>.</summary>
    public static string WithValue(string body, string key, string value)
    {
        var lines = body.Split("\r\n");
        var marker = $"\"{key}\": ";
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var comma = lines[i].EndsWith(',') ? "," : "";
            lines[i] = lines[i][..(at + marker.Length)] + value + comma;
        }

        return string.Join("\r\n", lines);
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
