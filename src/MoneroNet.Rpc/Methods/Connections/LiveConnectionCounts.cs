using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Connections;

/// <summary>
/// The open connections counted by type, state, direction, zone and address type, and the most crowded subnets and
/// autonomous systems (get_connection_stats' <c>connections</c> object), from get_connections' snapshots. The top lists
/// are bounded to <see cref="TopCount"/> entries, most connections first, ties in subnet text or AS number order.
/// </summary>
public static class LiveConnectionCounts
{
    /// <summary>How many subnets and ASes the top lists hold at most.</summary>
    public const int TopCount = 10;

    /// <summary>What a connection whose node keeps no facts counts as in <c>by_type</c>.</summary>
    public const string UnknownType = "unknown";

    public static RpcJsonObject Format(IReadOnlyList<ConnectionSnapshot> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var byType = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var byState = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var byZone = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var byAddressType = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var bySubnet = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var byAsn = new Dictionary<uint, (ulong Count, string? Name)>();
        ulong inbound = 0;
        foreach (var c in connections)
        {
            if (c.Incoming) inbound++;
            Count(byType, c.Facts?.ConnectionType ?? UnknownType);
            Count(byState, c.State);
            Count(byZone, ZoneOf(c.AddressType));
            Count(byAddressType, AddressTypeName(c.AddressType));
            if (c.Facts is not { } facts) continue;
            if (facts.Subnet.Length > 0) Count(bySubnet, facts.Subnet);
            if (facts.Asn is { } asn)
            {
                byAsn.TryGetValue(asn, out var entry);
                byAsn[asn] = (entry.Count + 1, entry.Name ?? facts.AsName);
            }
        }

        var topSubnets = new RpcJsonArray();
        foreach (var (subnet, count) in bySubnet.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(TopCount))
        {
            topSubnets.Add(new RpcJsonObject().Set("connections", count).Set("subnet", subnet));
        }

        var topAsns = new RpcJsonArray();
        foreach (var (asn, (count, name)) in byAsn.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key).Take(TopCount))
        {
            topAsns.Add(new RpcJsonObject().Set("as_name", name ?? "").Set("asn", (ulong)asn).Set("connections", count));
        }

        return new RpcJsonObject()
            .Set("by_address_type", Counts(byAddressType))
            .Set("by_direction", new RpcJsonObject().Set("inbound", inbound).Set("outbound", (ulong)connections.Count - inbound))
            .Set("by_state", Counts(byState))
            .Set("by_type", Counts(byType))
            .Set("by_zone", Counts(byZone))
            .Set("top_asns", topAsns)
            .Set("top_subnets", topSubnets)
            .Set("total", (ulong)connections.Count);
    }

    /// <summary>monerod's zones: IPv4 and IPv6 are the public zone; Tor and I2P are their own (epee address types 3 and 4).</summary>
    private static string ZoneOf(byte addressType) => addressType switch
    {
        1 or 2 => "public",
        3 => "i2p",
        4 => "tor",
        _ => "other",
    };

    private static string AddressTypeName(byte addressType) => addressType switch
    {
        1 => "ipv4",
        2 => "ipv6",
        3 => "i2p",
        4 => "tor",
        _ => "other",
    };

    private static void Count(Dictionary<string, ulong> counts, string key)
    {
        counts.TryGetValue(key, out var n);
        counts[key] = n + 1;
    }

    /// <summary>Counts as an object of name → count (epee orders the names).</summary>
    public static RpcJsonObject Counts(IEnumerable<KeyValuePair<string, ulong>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var result = new RpcJsonObject();
        foreach (var (name, count) in counts) result.Set(name, count);
        return result;
    }
}
