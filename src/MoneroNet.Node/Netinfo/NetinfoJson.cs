using System.Text.Json;

namespace MoneroNet.Node.Netinfo;

/// <summary>
/// Reads the RPC answers netinfo uses into its model. Every field is optional on the way in: monerod leaves out
/// <c>connections</c> when there are none and knows none of MoneroNet's extended fields (docs/OBSERVABILITY.md), so
/// a missing field becomes null (or 0 for monerod's own counters) rather than an error.
/// </summary>
internal static class NetinfoJson
{
    /// <summary>The <c>result.connections</c> of get_connections.</summary>
    public static IReadOnlyList<NetinfoPeer> Peers(JsonElement result)
    {
        if (!result.TryGetProperty("connections", out var connections) || connections.ValueKind != JsonValueKind.Array)
            return [];
        var peers = new List<NetinfoPeer>(connections.GetArrayLength());
        foreach (var connection in connections.EnumerateArray())
            peers.Add(Peer(connection));
        return peers;
    }

    /// <summary>One connection_info object.</summary>
    public static NetinfoPeer Peer(JsonElement c) => new()
    {
        Incoming = Bool(c, "incoming"),
        ConnectionType = Text(c, "connection_type"),
        Zone = ZoneOf(UInt(c, "address_type") ?? 0),
        Address = Text(c, "address") ?? "",
        PeerId = Text(c, "peer_id") ?? "",
        State = Text(c, "state") ?? "",
        Height = UInt(c, "height") ?? 0,
        AgeSeconds = UInt(c, "live_time") ?? 0,
        SendIdleSeconds = UInt(c, "send_idle_time") ?? 0,
        RecvIdleSeconds = UInt(c, "recv_idle_time") ?? 0,
        PingMs = Double(c, "ping_ms"),
        MinPingMs = Double(c, "min_ping_ms"),
        ProxyCheck = Text(c, "proxy_check"),
        Asn = UInt(c, "asn"),
        Country = Text(c, "country"),
        Traffic = Traffic(c),
    };

    /// <summary>
    /// The zone of an epee <c>address_type</c> (docs/PROTOCOL.md §3, "A network address"): 1 IPv4 and 2 IPv6 are the
    /// public zone, 3 is i2p, 4 is tor.
    /// </summary>
    public static string ZoneOf(ulong addressType) => addressType switch
    {
        3 => "i2p",
        4 => "tor",
        _ => "public",
    };

    /// <summary>The four <c>*_per_msg</c> objects merged by command name, names in ordinal order.</summary>
    private static List<NetinfoCommandTraffic> Traffic(JsonElement c)
    {
        var byCommand = new SortedDictionary<string, ulong[]>(StringComparer.Ordinal);
        string[] keys = ["msgs_recv_per_msg", "bytes_recv_per_msg", "msgs_sent_per_msg", "bytes_sent_per_msg"];
        for (var k = 0; k < keys.Length; k++)
        {
            if (!c.TryGetProperty(keys[k], out var counts) || counts.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var entry in counts.EnumerateObject())
            {
                if (!byCommand.TryGetValue(entry.Name, out var values))
                    byCommand[entry.Name] = values = new ulong[keys.Length];
                values[k] = entry.Value.TryGetUInt64(out var n) ? n : 0;
            }
        }
        return byCommand.Select(p => new NetinfoCommandTraffic(p.Key, p.Value[0], p.Value[1], p.Value[2], p.Value[3])).ToList();
    }

    public static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static ulong? UInt(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var n) ? n : null;

    public static long? Int(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    public static double? Double(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public static bool Bool(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
