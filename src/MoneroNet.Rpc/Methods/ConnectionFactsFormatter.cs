using System.Globalization;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods;

/// <summary>
/// Adds MoneroNet's extended fields (docs/OBSERVABILITY.md) to a <c>connection_info</c> object: the connection type,
/// traffic by command and direction, round-trip times, the proxy fingerprint and the network facts. The object
/// keeps epee's name order, so the new fields fall in among monerod's alphabetically.
/// </summary>
public static class ConnectionFactsFormatter
{
    /// <summary>monerod's connection_info with the facts added (only monerod's fields when the node kept none).</summary>
    public static RpcJsonObject FormatExtended(ConnectionSnapshot connection, long nowUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var info = ConnectionInfoFormatter.Format(connection, nowUnixSeconds);
        if (connection.Facts is { } facts) AddFacts(info, facts);
        return info;
    }

    /// <summary>Sets the facts' fields on <paramref name="info"/>.</summary>
    public static void AddFacts(RpcJsonObject info, ConnectionFactsSnapshot facts)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(facts);
        info.Set("connection_type", facts.ConnectionType)
            .Set("bytes_recv_per_msg", PerCommand(facts.Traffic.BytesReceived))
            .Set("bytes_sent_per_msg", PerCommand(facts.Traffic.BytesSent))
            .Set("msgs_recv_per_msg", PerCommand(facts.Traffic.MessagesReceived))
            .Set("msgs_sent_per_msg", PerCommand(facts.Traffic.MessagesSent))
            .Set("ping_wait_ms", facts.PingWaitMs)
            .Set("proxy_check", facts.ProxyCheck)
            .Set("inner_peer_ids", PeerIds(facts.InnerPeerIds))
            .Set("support_flags_requested", facts.SupportFlagsRequested)
            .Set("subnet", facts.Subnet);
        // Unmeasured values are left out rather than printed as 0, as Bitcoin Core leaves out pingtime.
        if (facts.PingMs is { } ping) info.Set("ping_ms", ping);
        if (facts.MinPingMs is { } minPing) info.Set("min_ping_ms", minPing);
        if (facts.Asn is { } asn) info.Set("asn", (ulong)asn);
        if (facts.AsName is { } asName) info.Set("as_name", asName);
        if (facts.Country is { } country) info.Set("country", country);
    }

    /// <summary>The commands that have a count, by name (a command never seen is left out, as in Bitcoin Core).</summary>
    public static RpcJsonObject PerCommand(IReadOnlyList<ulong> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var result = new RpcJsonObject();
        for (int i = 0; i < counts.Count && i < TrafficCommands.Count; i++)
        {
            if (counts[i] != 0) result.Set(TrafficCommands.NameOf((TrafficCommand)i), counts[i]);
        }
        return result;
    }

    /// <summary>Peer ids as get_connections prints <c>peer_id</c>: 16 lowercase hex digits.</summary>
    public static RpcJsonArray PeerIds(IReadOnlyList<ulong> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var array = new RpcJsonArray(ids.Count);
        foreach (var id in ids) array.Add(new RpcJsonString(id.ToString("x16", CultureInfo.InvariantCulture)));
        return array;
    }
}
