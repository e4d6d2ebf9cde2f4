using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// The text monerod 0.18's console prints for an RPC answer (daemon/rpc_command_executor.cpp), one method a command,
/// from the JSON the RPC answered; <c>now</c> is the Unix time the answer is read at. Pure: tests feed captured answers.
/// </summary>
internal static class ConsoleFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>print_cn's header; monerod ends it with std::endl inside the line, so an empty line follows.</summary>
    public static readonly string PrintCnHeader =
        "Remote Host".PadRight(30) + "Type".PadRight(8) + "SSL".PadRight(6) + "Peer id".PadRight(20) + "Support Flags".PadRight(20)
        + "Recv/Sent (inactive,sec)".PadRight(30) + "State".PadRight(25) + "Livetime(sec)".PadRight(20) + "Down (kB/s)".PadRight(12)
        + "Down(now)".PadRight(14) + "Up (kB/s)".PadRight(10) + "Up(now)".PadRight(13) + "\n";

    /// <summary>print_cn: the header, then a row a connection of get_connections.</summary>
    public static IEnumerable<string> PrintCn(JsonElement connections)
    {
        yield return PrintCnHeader;
        foreach (var c in MonerodText.Array(connections, "connections"))
        {
            var address = (MonerodText.Bool(c, "incoming") ? "INC " : "OUT ") + MonerodText.Text(c, "ip") + ":" + MonerodText.Text(c, "port");
            var traffic = string.Create(Invariant,
                $"{MonerodText.UInt(c, "recv_count")}({MonerodText.UInt(c, "recv_idle_time")})/{MonerodText.UInt(c, "send_count")}({MonerodText.UInt(c, "send_idle_time")})");
            yield return address.PadRight(30)
                         + AddressTypeName(MonerodText.UInt(c, "address_type")).PadRight(8)
                         + (MonerodText.Bool(c, "ssl") ? "yes" : "no").PadRight(6)
                         + MonerodText.Text(c, "peer_id").PadRight(20)
                         + MonerodText.UInt(c, "support_flags").ToString(Invariant).PadRight(20)
                         + traffic.PadRight(30)
                         + MonerodText.Text(c, "state").PadRight(25)
                         + MonerodText.UInt(c, "live_time").ToString(Invariant).PadRight(20)
                         + MonerodText.UInt(c, "avg_download").ToString(Invariant).PadRight(12)
                         + MonerodText.UInt(c, "current_download").ToString(Invariant).PadRight(14)
                         + MonerodText.UInt(c, "avg_upload").ToString(Invariant).PadRight(10)
                         + MonerodText.UInt(c, "current_upload").ToString(Invariant).PadRight(13)
                         + (MonerodText.Bool(c, "localhost") ? "[LOCALHOST]" : "")
                         + (MonerodText.Bool(c, "local_ip") ? "[LAN]" : "");
        }
    }

    /// <summary>epee's address_type names (net_utils_base.h: 1 IPv4, 2 IPv6, 3 I2P, 4 Tor).</summary>
    public static string AddressTypeName(ulong type) => type switch
    {
        1 => "IPv4",
        2 => "IPv6",
        3 => "I2P",
        4 => "Tor",
        _ => "invalid",
    };

    /// <summary>print_pl: white then gray entries of /get_peer_list, each list cut to <paramref name="limit"/> (0 = all) before the filters.</summary>
    public static IEnumerable<string> PrintPl(JsonElement peerList, bool white, bool gray, int limit, bool prunedOnly, bool publicRpcOnly, long now)
    {
        foreach (var (list, prefix, wanted) in new[] { ("white_list", "white", white), ("gray_list", "gray", gray) })
        {
            if (!wanted)
                continue;
            var entries = MonerodText.Array(peerList, list);
            if (limit > 0)
                entries = entries.Take(limit);
            foreach (var peer in entries)
            {
                if (prunedOnly && MonerodText.UInt(peer, "pruning_seed") == 0)
                    continue;
                if (publicRpcOnly && MonerodText.UInt(peer, "rpc_port") == 0)
                    continue;
                yield return Peer(prefix, peer, now);
            }
        }
    }

    /// <summary>print_peer: "%-10s %-25s %-25s %-5s %-5s %-4s %s".</summary>
    private static string Peer(string prefix, JsonElement peer, long now)
    {
        var lastSeen = MonerodText.Int(peer, "last_seen");
        var elapsed = lastSeen == 0 ? "never" : MonerodText.TimeInterval(now - lastSeen);
        var id = MonerodText.Hex(MonerodText.UInt(peer, "id")).PadLeft(16, '0');
        var address = MonerodText.Text(peer, "host") + ":" + MonerodText.UInt(peer, "port").ToString(Invariant);
        var rpcPort = MonerodText.UInt(peer, "rpc_port") is var p and not 0 ? p.ToString(Invariant) : "-";
        // RPC_CREDITS_PER_HASH_SCALE is 1 << 24; "%*.*f" with width and precision 2.
        var credits = MonerodText.UInt(peer, "rpc_credits_per_hash") is var c and not 0
            ? (c / (float)(1 << 24)).ToString("0.00", Invariant)
            : "-";
        var seed = MonerodText.Hex(MonerodText.UInt(peer, "pruning_seed"));
        return $"{prefix,-10} {id,-25} {address,-25} {rpcPort,-5} {credits,-5} {seed,-4} {elapsed}";
    }

    /// <summary>print_pl_stats: list sizes against monerod's P2P_LOCAL_WHITE/GRAY_PEERLIST_LIMIT (1000, 5000).</summary>
    public static IEnumerable<string> PrintPlStats(JsonElement peerList)
    {
        const int whiteLimit = 1000, grayLimit = 5000;
        var white = MonerodText.Array(peerList, "white_list").Count();
        var gray = MonerodText.Array(peerList, "gray_list").Count();
        yield return string.Create(Invariant, $"White list size: {white}/{whiteLimit} ({MonerodText.StreamDouble(white * 100.0 / whiteLimit)}%)");
        yield return string.Create(Invariant, $"Gray list size: {gray}/{grayLimit} ({MonerodText.StreamDouble(gray * 100.0 / grayLimit)}%)");
    }

    /// <summary>print_net_stats: totals of /get_net_stats against the limits of /get_limit (kB/s).</summary>
    public static IEnumerable<string> PrintNetStats(JsonElement netStats, JsonElement limits, long now)
    {
        var seconds = (ulong)Math.Max(0, now - MonerodText.Int(netStats, "start_time"));
        foreach (var (bytesField, packetsField, limitField, verb) in new[]
                 {
                     ("total_bytes_in", "total_packets_in", "limit_down", "Received"),
                     ("total_bytes_out", "total_packets_out", "limit_up", "Sent"),
                 })
        {
            var bytes = MonerodText.UInt(netStats, bytesField);
            var average = seconds > 0 ? bytes / seconds : 0;
            var limit = MonerodText.UInt(limits, limitField) * 1024;
            var percent = (double)average / limit * 100.0;
            yield return string.Create(Invariant,
                $"{verb} {bytes} bytes ({MonerodText.HumanBytes(bytes)}) in {MonerodText.UInt(netStats, packetsField)} packets in {MonerodText.HumanTimespan(seconds)}, average {MonerodText.HumanBytes(average)}/s = {MonerodText.Fixed2(percent)}% of the limit of {MonerodText.HumanBytes(limit)}/s");
        }
    }

    /// <summary>status: one line from get_info, hard_fork_info and /mining_status (null when it was not served).</summary>
    public static string Status(JsonElement info, JsonElement hardFork, JsonElement? mining, long now)
    {
        var height = MonerodText.UInt(info, "height");
        var target = MonerodText.UInt(info, "target_height");
        var netHeight = target > height ? target : height;
        var bootstrap = "";
        if (MonerodText.Bool(info, "was_bootstrap_ever_used"))
        {
            bootstrap = ", bootstrapping from " + MonerodText.Text(info, "bootstrap_daemon_address");
            if (MonerodText.Bool(info, "untrusted"))
            {
                var local = MonerodText.UInt(info, "height_without_bootstrap");
                bootstrap += string.Create(Invariant, $", local height: {local} ({MonerodText.SyncPercentage(local, netHeight):0.0}%)");
            }
            else
            {
                bootstrap += " was used before";
            }
        }
        string miningText;
        if (mining is not { } m)
            miningText = "mining info unavailable";
        else if (MonerodText.Bool(m, "active"))
            miningText = (MonerodText.Bool(m, "is_background_mining_enabled") ? "smart " : "") + "mining at " + MonerodText.MiningSpeed(MonerodText.UInt(m, "speed"));
        else
            miningText = "not mining";
        var blockTime = Math.Max(1UL, MonerodText.UInt(info, "target"));
        var network = MonerodText.Bool(info, "testnet") ? "testnet" : MonerodText.Bool(info, "stagenet") ? "stagenet" : "mainnet";
        var line = new StringBuilder(string.Create(Invariant,
            $"Height: {height}/{netHeight} ({MonerodText.SyncPercentage(height, target):0.0}%) on {network}{bootstrap}, {miningText}, net hash {MonerodText.MiningSpeed(MonerodText.Difficulty(info) / blockTime)}, v{MonerodText.UInt(hardFork, "version")}{MonerodText.ForkExtraInfo(MonerodText.UInt(hardFork, "earliest_height"), netHeight, blockTime)}, {MonerodText.UInt(info, "outgoing_connections_count")}(out)+{MonerodText.UInt(info, "incoming_connections_count")}(in) connections"));
        var start = MonerodText.Int(info, "start_time");
        if (start != 0) // restricted RPC does not disclose the start time
        {
            var uptime = now - start;
            line.Append(Invariant, $", uptime {uptime / 86400}d {uptime / 3600 % 24}h {uptime / 60 % 60}m {uptime % 60}s");
        }
        return line.ToString();
    }

    /// <summary>sync_info: height, peers and the block queue's spans.</summary>
    public static IEnumerable<string> SyncInfo(JsonElement sync)
    {
        var height = MonerodText.UInt(sync, "height");
        var target = Math.Max(height, MonerodText.UInt(sync, "target_height"));
        yield return string.Create(Invariant, $"Height: {height}, target: {target} ({MonerodText.StreamDouble(target == 0 ? double.NaN : 100.0 * height / target)}%)");
        var peers = MonerodText.Array(sync, "peers").Select(p => p.TryGetProperty("info", out var i) ? i : default).ToList();
        var spans = MonerodText.Array(sync, "spans").ToList();
        yield return string.Create(Invariant, $"Downloading at {peers.Aggregate(0UL, (sum, p) => sum + MonerodText.UInt(p, "current_download"))} kB/s");
        if (MonerodText.UInt(sync, "next_needed_pruning_seed") is var seed and not 0)
            yield return string.Create(Invariant, $"Next needed pruning seed: {seed}");
        yield return string.Create(Invariant, $"{peers.Count} peers");
        yield return "Remote Host                        Peer_ID   State   Prune_Seed          Height  DL kB/s, Queued Blocks / MB";
        foreach (var p in peers)
        {
            var id = MonerodText.Text(p, "connection_id");
            ulong blocks = 0, size = 0;
            foreach (var s in spans.Where(s => MonerodText.Text(s, "connection_id") == id))
            {
                blocks += MonerodText.UInt(s, "nblocks");
                size += MonerodText.UInt(s, "size");
            }
            yield return string.Create(Invariant,
                $"{MonerodText.Pad(MonerodText.Text(p, "address"), 24)}  {MonerodText.Text(p, "peer_id")}  {MonerodText.Pad(MonerodText.Text(p, "state"), 16)}  {MonerodText.Pad(MonerodText.Hex(MonerodText.UInt(p, "pruning_seed")), 8)}  {MonerodText.UInt(p, "height")}  {MonerodText.UInt(p, "current_download")} kB/s, {blocks} blocks / {MonerodText.StreamDouble(size / 1e6)} MB queued");
        }
        var total = spans.Aggregate(0UL, (sum, s) => sum + MonerodText.UInt(s, "size"));
        yield return string.Create(Invariant, $"{spans.Count} spans, {MonerodText.StreamDouble(total / 1e6)} MB");
        yield return MonerodText.Text(sync, "overview");
        foreach (var s in spans)
        {
            var start = MonerodText.UInt(s, "start_block_height");
            var n = MonerodText.UInt(s, "nblocks");
            var head = string.Create(Invariant,
                $"{MonerodText.Pad(MonerodText.Text(s, "remote_address"), 24)}  {n}/{MonerodText.Hex(MonerodText.SpanPruningSeed(start))} ({start} - {start + n - 1}");
            var size = MonerodText.UInt(s, "size");
            yield return size == 0
                ? head + ")  -"
                : head + string.Create(Invariant,
                    $", {(ulong)(size / 1e3)} kB)  {(uint)(MonerodText.UInt(s, "rate") / 1e3)} kB/s ({MonerodText.StreamDouble(MonerodText.UInt(s, "speed") / 100.0f)})");
        }
    }

    /// <summary>bans: a line a ban of get_bans, or monerod's line for none.</summary>
    public static IEnumerable<string> Bans(JsonElement bans)
    {
        var list = MonerodText.Array(bans, "bans").ToList();
        if (list.Count == 0)
        {
            yield return "No IPs are banned";
            yield break;
        }
        foreach (var b in list)
            yield return string.Create(Invariant, $"{MonerodText.Text(b, "host")} banned for {MonerodText.UInt(b, "seconds")} seconds");
    }

    /// <summary>in_peers / out_peers: the limit now in force (u32 max is "unlimited"); monerod's std::endl adds an empty line.</summary>
    public static string PeerLimit(string direction, ulong limit) =>
        $"Max number of {direction} peers set to {(limit == uint.MaxValue ? "unlimited" : limit.ToString(Invariant))}\n";
}
