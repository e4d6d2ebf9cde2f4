using System.Globalization;
using System.Text;

namespace MoneroNet.Node.Netinfo;

/// <summary>
/// Turns one <see cref="NetinfoSnapshot"/> into netinfo's text, a pure function of the snapshot and the level (it
/// reads no clock and no terminal), so tests can check every level with fixed input. Levels are cumulative:
/// 0 the header, the counts by type and zone and the local addresses; 1 adds a row a peer; 2 each peer's id and
/// address; 3 its state, proxy check and AS; 4 its traffic by command.
/// </summary>
internal static class NetinfoRenderer
{
    public const int MaxLevel = 4;

    /// <summary>The connection types of docs/OBSERVABILITY.md, in the order the counts list them.</summary>
    public static readonly IReadOnlyList<string> ConnectionTypes =
        ["inbound", "outbound", "anchor", "priority", "exclusive", "manual", "seed", "feeler"];

    public static readonly IReadOnlyList<string> Zones = ["public", "tor", "i2p"];

    /// <summary>The count row of a peer whose node reports no connection type (monerod).</summary>
    public const string Untyped = "untyped";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(NetinfoSnapshot snapshot, int level)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        var text = new StringBuilder();
        WriteHeader(text, snapshot);
        WriteCounts(text, snapshot.Peers);
        WriteLocalAndTotals(text, snapshot);
        if (!snapshot.HasExtendedFacts)
            text.Append("This node reports no connection types, pings, proxy checks, ASes or traffic by command (monerod).\n");
        if (level >= 1)
            WritePeers(text, snapshot.Peers, level);
        return text.ToString();
    }

    /// <summary>
    /// The order of the peer table: outbound connections (the ones the node chose) before inbound, then the
    /// fastest (lowest min ping, unmeasured last), then the oldest, then by address and id so the order is total.
    /// </summary>
    public static IReadOnlyList<NetinfoPeer> Sorted(IEnumerable<NetinfoPeer> peers) =>
        peers.OrderBy(p => p.Incoming)
            .ThenBy(p => p.MinPingMs ?? double.PositiveInfinity)
            .ThenByDescending(p => p.AgeSeconds)
            .ThenBy(p => p.Address, StringComparer.Ordinal)
            .ThenBy(p => p.PeerId, StringComparer.Ordinal)
            .ToList();

    private static void WriteHeader(StringBuilder text, NetinfoSnapshot s)
    {
        var node = s.HasExtendedFacts ? "MoneroNet" : "node";
        var version = s.Version.Length == 0 ? "" : " " + s.Version;
        text.Append(Invariant, $"netinfo: {node}{version} on {(s.Network.Length == 0 ? "?" : s.Network)}, height {s.Height}");
        if (s.TargetHeight > s.Height)
            text.Append(Invariant, $" of {s.TargetHeight}");
        if (s.StartTime > 0)
        {
            var up = Math.Max(0, s.TakenAt.ToUnixTimeSeconds() - s.StartTime);
            text.Append(", up ").Append(Duration((ulong)up));
        }
        text.Append(Invariant, $", {s.Peers.Count} connection{(s.Peers.Count == 1 ? "" : "s")}\n\n");
    }

    private static void WriteCounts(StringBuilder text, IReadOnlyList<NetinfoPeer> peers)
    {
        var table = new TextTable([("connections", false), ("in", true), ("out", true), ("total", true)]);
        void Row(string name, Func<NetinfoPeer, bool> which)
        {
            var inbound = peers.Count(p => p.Incoming && which(p));
            var outbound = peers.Count(p => !p.Incoming && which(p));
            table.Add([name, Number(inbound), Number(outbound), Number(inbound + outbound)]);
        }
        foreach (var type in ConnectionTypes)
            Row(type, p => p.ConnectionType == type);
        if (peers.Any(p => p.ConnectionType is null))
            Row(Untyped, p => p.ConnectionType is null);
        foreach (var zone in Zones)
            Row(zone, p => p.Zone == zone);
        Row("total", _ => true);
        table.WriteTo(text);
        text.Append('\n');
    }

    private static void WriteLocalAndTotals(StringBuilder text, NetinfoSnapshot s)
    {
        // MoneroNet lists its P2P listeners in get_connection_stats; monerod reports none over RPC, and then the RPC
        // endpoint asked is the one local address known.
        if (s.P2PListeners is { } listeners)
        {
            var p2p = listeners.Count == 0 ? "none (not listening)" : string.Join(", ", listeners.Select(l => "p2p " + l));
            text.Append(Invariant, $"Local addresses: {p2p}; rpc {s.RpcEndPoint}\n");
        }
        else
        {
            text.Append(Invariant, $"Local addresses: rpc {s.RpcEndPoint} (the node does not report its P2P listen address over RPC)\n");
        }
        if (s.TotalBytesIn is { } received && s.TotalBytesOut is { } sent)
            text.Append(Invariant, $"Traffic since start: {Bytes(received)} in, {Bytes(sent)} out\n");
        if (s.Rtt is { } rtt)
        {
            text.Append(Invariant, $"Round trips: {rtt.Samples} measured");
            if (rtt.P50Ms is { } p50 && rtt.P90Ms is { } p90 && rtt.P99Ms is { } p99)
                text.Append(Invariant, $", p50 {Ms(p50)} ms, p90 {Ms(p90)} ms, p99 {Ms(p99)} ms");
            text.Append('\n');
        }
        if (s.SuspectedProxies is { } proxies)
            text.Append(Invariant, $"Suspected proxies: {proxies}\n");
    }

    private static void WritePeers(StringBuilder text, IReadOnlyList<NetinfoPeer> peers, int level)
    {
        text.Append('\n');
        if (peers.Count == 0)
        {
            text.Append("No connections.\n");
            return;
        }
        var columns = new List<(string, bool)>
        {
            ("<->", false), ("type", false), ("zone", false), ("mping", true), ("ping", true),
            ("send", true), ("recv", true), ("age", true), ("height", true),
        };
        if (level >= 3)
            columns.AddRange([("state", false), ("proxy", false), ("asn", false)]);
        if (level >= 2)
            columns.AddRange([("id", false), ("address", false)]);
        var table = new TextTable(columns);
        foreach (var p in Sorted(peers))
        {
            var cells = new List<string>
            {
                p.Incoming ? "in" : "out", p.ConnectionType ?? "-", p.Zone,
                p.MinPingMs is { } min ? Ms(min) : "-", p.PingMs is { } ping ? Ms(ping) : "-",
                Duration(p.SendIdleSeconds), Duration(p.RecvIdleSeconds), Duration(p.AgeSeconds), Number(p.Height),
            };
            if (level >= 3)
                cells.AddRange([p.State, p.ProxyCheck ?? "-", Asn(p)]);
            if (level >= 2)
                cells.AddRange([p.PeerId, p.Address]);
            table.Add(cells, level >= 4 ? TrafficLines(p) : null);
        }
        table.WriteTo(text);
        text.Append("\nmping/ping: lowest and last round trip (ms); send/recv: since last sent/received; age: since connected");
        if (level >= 4)
            text.Append("\ntraffic: command bytes(messages), received and sent");
        text.Append('\n');
    }

    private static string[] TrafficLines(NetinfoPeer p)
    {
        if (p.Traffic.Count == 0)
            return ["    traffic by command: not reported"];
        return
        [
            "    recv " + Traffic(p.Traffic.Where(t => t.MessagesReceived > 0 || t.BytesReceived > 0)
                .Select(t => (t.Command, t.BytesReceived, t.MessagesReceived))),
            "    sent " + Traffic(p.Traffic.Where(t => t.MessagesSent > 0 || t.BytesSent > 0)
                .Select(t => (t.Command, t.BytesSent, t.MessagesSent))),
        ];
    }

    private static string Traffic(IEnumerable<(string Command, ulong Bytes, ulong Messages)> entries)
    {
        var parts = entries.Select(e => string.Create(Invariant, $"{e.Command} {e.Bytes}B({e.Messages})")).ToList();
        return parts.Count == 0 ? "-" : string.Join(' ', parts);
    }

    private static string Asn(NetinfoPeer p) => p.Asn switch
    {
        null => "-",
        { } asn when p.Country is { Length: > 0 } country => string.Create(Invariant, $"AS{asn} {country}"),
        { } asn => string.Create(Invariant, $"AS{asn}"),
    };

    private static string Number(long n) => n.ToString(Invariant);

    private static string Number(ulong n) => n.ToString(Invariant);

    /// <summary>Milliseconds: two decimals under 10 ms (loopback and LAN peers), one under 100, whole above.</summary>
    public static string Ms(double ms) => ms switch
    {
        < 10 => ms.ToString("0.00", Invariant),
        < 100 => ms.ToString("0.0", Invariant),
        _ => ms.ToString("0", Invariant),
    };

    /// <summary>Seconds as a short span: 42s, 75s, 14m, 30h, 9d (the unit changes once the number passes 99 or 47 h).</summary>
    public static string Duration(ulong seconds) => seconds switch
    {
        < 100 => string.Create(Invariant, $"{seconds}s"),
        < 100 * 60 => string.Create(Invariant, $"{seconds / 60}m"),
        < 48 * 3600 => string.Create(Invariant, $"{seconds / 3600}h"),
        _ => string.Create(Invariant, $"{seconds / 86400}d"),
    };

    /// <summary>Bytes in binary units with one decimal: 812 B, 2.1 KiB, 4.0 MiB, 1.2 GiB.</summary>
    public static string Bytes(ulong bytes) => bytes switch
    {
        < 1024 => string.Create(Invariant, $"{bytes} B"),
        < 1024 * 1024 => string.Create(Invariant, $"{bytes / 1024.0:0.0} KiB"),
        < 1024UL * 1024 * 1024 => string.Create(Invariant, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        _ => string.Create(Invariant, $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB"),
    };
}
