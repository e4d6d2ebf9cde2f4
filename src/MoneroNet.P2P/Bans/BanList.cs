using System.Net;
using System.Net.Sockets;

namespace MoneroNet.P2P.Bans;

/// <summary>
/// Banned hosts and subnets, IPv4 and IPv6, each for a duration or for ever (monerod's m_blocked_hosts and
/// m_blocked_subnets; IPv6 subnets go beyond monerod). Expired bans disappear lazily, as monerod drops them when it
/// next looks. Bans come from three sources: the RPC (set_bans), the fail-score auto-ban, and the --ban-list file;
/// only the last is replaced by <see cref="P2P.P2PNode.ReloadBanListAsync"/>. Each ban remembers its source
/// (<see cref="BanSources"/>) and when it was set (extended get_bans). Lifting a ban punches a hole: unbanning a subnet
/// lifts the host bans inside it and cuts it out of every banned subnet (monerod master's arithmetic,
/// <see cref="SubnetArithmetic"/>); unbanning a host does the same with the host's /32 (or /128). Thread-safe;
/// <see cref="Banned"/> is raised after the lock is released, so a handler may read the list.
/// </summary>
public sealed class BanList
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<IPAddress, BanRecord> _hosts = [];
    private readonly Dictionary<IPNetwork, BanRecord> _subnets = [];

    /// <summary>Expiry in unix seconds (null = for ever), who set it, and when (unix seconds).</summary>
    private readonly record struct BanRecord(long? ExpiresUnixSeconds, string Source, long CreatedUnixSeconds)
    {
        public bool FromFile => BanSources.IsBanListFile(Source);
    }

    internal BanList(TimeProvider time) => _time = time;

    /// <summary>Raised for every ban set (new or renewed); the node drops matching connections from it.</summary>
    public event Action<BanEntry>? Banned;

    /// <summary>Raised after an unban removed a ban, outside the lock, with the host or subnet as get_bans prints it.</summary>
    public event Action<string>? Unbanned;

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Bans a host; null <paramref name="duration"/> = for ever. Matching connections are dropped at once.</summary>
    public void Ban(IPAddress address, TimeSpan? duration) => Ban(address, duration, BanSources.Rpc);

    /// <summary>Bans a host on behalf of <paramref name="source"/> (<see cref="BanSources"/>).</summary>
    public void Ban(IPAddress address, TimeSpan? duration, string source) => BanHost(Normalize(address), duration, source);

    /// <summary>Bans a subnet (IPv4 or IPv6); null <paramref name="duration"/> = for ever.</summary>
    public void Ban(IPNetwork subnet, TimeSpan? duration) => Ban(subnet, duration, BanSources.Rpc);

    /// <summary>Bans a subnet on behalf of <paramref name="source"/> (<see cref="BanSources"/>).</summary>
    public void Ban(IPNetwork subnet, TimeSpan? duration, string source) => BanSubnet(subnet, duration, source);

    /// <summary>
    /// Lifts the host's ban and punches the host out of every banned subnet holding it (the rest of each stays banned,
    /// with its expiry and source). True when anything was lifted.
    /// </summary>
    public bool Unban(IPAddress address)
    {
        var ip = Normalize(address);
        bool lifted;
        lock (_lock)
        {
            bool host = _hosts.Remove(ip);
            lifted = CutOutOfSubnets(SubnetArithmetic.HostBlock(ip)) | host;
        }
        return RaiseUnbanned(lifted, ip.ToString());
    }

    /// <summary>
    /// Lifts every ban inside <paramref name="subnet"/>: host bans it holds go, and it is cut out of every banned
    /// subnet it overlaps (an equal or smaller banned subnet goes whole; a larger one keeps the blocks around the hole,
    /// monerod master's <c>unblock_subnet</c>). True when anything was lifted.
    /// </summary>
    public bool Unban(IPNetwork subnet)
    {
        bool lifted = false;
        lock (_lock)
        {
            foreach (var ip in _hosts.Keys.Where(subnet.Contains).ToList()) lifted |= _hosts.Remove(ip);
            lifted = CutOutOfSubnets(subnet) | lifted;
        }
        return RaiseUnbanned(lifted, subnet.ToString());
    }

    /// <summary>Outside the lock: tells <see cref="Unbanned"/> what was asked to be lifted, when anything was.</summary>
    private bool RaiseUnbanned(bool lifted, string host)
    {
        if (lifted) Unbanned?.Invoke(host);
        return lifted;
    }

    /// <summary>Under the lock: subtracts <paramref name="removed"/> from every banned subnet; true when any changed.</summary>
    private bool CutOutOfSubnets(IPNetwork removed)
    {
        List<IPNetwork>? touched = null;
        foreach (var net in _subnets.Keys)
            if (SubnetArithmetic.Overlap(net, removed)) (touched ??= []).Add(net);
        if (touched is null) return false;

        var pieces = new List<IPNetwork>();
        foreach (var net in touched)
        {
            var ban = _subnets[net];
            _subnets.Remove(net);
            pieces.Clear();
            SubnetArithmetic.Subtract(net, removed, pieces);
            // Two overlapping bans can leave the same block: it keeps the ban that lasts longer (monerod master's
            // emplace_blocked_subnet), with that ban's source.
            foreach (var piece in pieces)
                if (!_subnets.TryGetValue(piece, out var existing) || Longer(ban, existing)) _subnets[piece] = ban;
        }
        return true;
    }

    /// <summary>Whether <paramref name="a"/> ends after <paramref name="b"/> (a ban for ever ends last).</summary>
    private static bool Longer(BanRecord a, BanRecord b) =>
        b.ExpiresUnixSeconds is { } bEnd && (a.ExpiresUnixSeconds is not { } aEnd || aEnd > bEnd);

    /// <summary>Whether <paramref name="address"/> is banned, as a host or inside a banned subnet.</summary>
    /// <param name="secondsRemaining">Seconds left of the ban that matched (null = for ever); null when not banned.</param>
    public bool IsBanned(IPAddress address, out long? secondsRemaining)
    {
        var ip = Normalize(address);
        long now = Now;
        lock (_lock)
        {
            if (_hosts.TryGetValue(ip, out var ban))
            {
                if (Active(ban, now))
                {
                    secondsRemaining = Remaining(ban, now);
                    return true;
                }
                _hosts.Remove(ip);
            }
            List<IPNetwork>? expired = null;
            bool found = false;
            long? left = null;
            foreach (var (net, b) in _subnets)
            {
                if (!Active(b, now)) { (expired ??= []).Add(net); continue; }
                if (!found && net.Contains(ip))
                {
                    found = true;
                    left = Remaining(b, now);
                }
            }
            if (expired is not null) foreach (var net in expired) _subnets.Remove(net);
            secondsRemaining = found ? left : null;
            return found;
        }
    }

    /// <summary>Whether a ban entry covers <paramref name="address"/> (host equal or subnet containing it).</summary>
    public static bool Covers(BanEntry entry, IPAddress address)
    {
        var ip = Normalize(address);
        return entry.IsSubnet ? entry.Subnet!.Value.Contains(ip) : entry.Address!.Equals(ip);
    }

    /// <summary>Live bans in monerod's get_bans order: hosts sorted by host string, then subnets.</summary>
    public IReadOnlyList<BanEntry> Snapshot()
    {
        long now = Now;
        var hosts = new List<BanEntry>();
        var subnets = new List<BanEntry>();
        lock (_lock)
        {
            foreach (var (ip, b) in _hosts)
                if (Active(b, now)) hosts.Add(HostEntry(ip, b, now));
            foreach (var (net, b) in _subnets)
                if (Active(b, now)) subnets.Add(SubnetEntry(net, b, now));
        }
        // monerod keeps hosts in a std::map keyed by the host string (byte order); subnets follow, here ordered by
        // family, then network address bytes, then prefix length.
        hosts.Sort((a, b) => string.CompareOrdinal(a.Host, b.Host));
        subnets.Sort(CompareSubnets);
        hosts.AddRange(subnets);
        return hosts;
    }

    /// <summary>
    /// Drops every expired ban. Lookups only drop the expired ban they stumble on, so without this sweep (the maintainer
    /// runs it every minute) 24-hour fail-score bans of hosts never seen again would pile up for good.
    /// </summary>
    internal int PurgeExpired()
    {
        long now = Now;
        lock (_lock)
        {
            int before = _hosts.Count + _subnets.Count;
            foreach (var ip in _hosts.Where(kv => !Active(kv.Value, now)).Select(kv => kv.Key).ToList()) _hosts.Remove(ip);
            foreach (var net in _subnets.Where(kv => !Active(kv.Value, now)).Select(kv => kv.Key).ToList()) _subnets.Remove(net);
            return before - _hosts.Count - _subnets.Count;
        }
    }

    /// <summary>Bans held, expired ones not yet dropped included (diagnostics, tests).</summary>
    internal int StoredCount
    {
        get { lock (_lock) return _hosts.Count + _subnets.Count; }
    }

    /// <summary>
    /// Replaces the bans that came from the --ban-list file (<paramref name="path"/>, whose name becomes their source);
    /// RPC and automatic bans stay. A hole punched into a file ban closes again here: the file is what it says.
    /// </summary>
    internal void ReplaceFileBans(string path, IReadOnlyCollection<IPAddress> hosts, IReadOnlyCollection<IPNetwork> subnets)
    {
        var source = BanSources.BanListFile(path);
        lock (_lock)
        {
            foreach (var ip in _hosts.Where(kv => kv.Value.FromFile).Select(kv => kv.Key).ToList()) _hosts.Remove(ip);
            foreach (var net in _subnets.Where(kv => kv.Value.FromFile).Select(kv => kv.Key).ToList()) _subnets.Remove(net);
        }
        foreach (var ip in hosts) BanHost(Normalize(ip), null, source);
        foreach (var net in subnets) BanSubnet(net, null, source);
    }

    private void BanHost(IPAddress ip, TimeSpan? duration, string source)
    {
        long now = Now;
        var ban = new BanRecord(Expiry(now, duration), source, now);
        lock (_lock)
        {
            // A file ban never overrides an operator's (RPC) ban of the same host.
            if (ban.FromFile && _hosts.TryGetValue(ip, out var existing) && !existing.FromFile && Active(existing, now)) return;
            _hosts[ip] = ban;
        }
        Banned?.Invoke(HostEntry(ip, ban, now));
    }

    private void BanSubnet(IPNetwork net, TimeSpan? duration, string source)
    {
        long now = Now;
        var ban = new BanRecord(Expiry(now, duration), source, now);
        lock (_lock)
        {
            if (ban.FromFile && _subnets.TryGetValue(net, out var existing) && !existing.FromFile && Active(existing, now)) return;
            _subnets[net] = ban;
        }
        Banned?.Invoke(SubnetEntry(net, ban, now));
    }

    private static BanEntry HostEntry(IPAddress ip, BanRecord ban, long now) =>
        new(ip.ToString(), false, null, ip, Remaining(ban, now)) { Source = ban.Source, CreatedUnixSeconds = ban.CreatedUnixSeconds };

    private static BanEntry SubnetEntry(IPNetwork net, BanRecord ban, long now) =>
        new(net.ToString(), true, net, null, Remaining(ban, now)) { Source = ban.Source, CreatedUnixSeconds = ban.CreatedUnixSeconds };

    private static long? Expiry(long now, TimeSpan? duration)
    {
        if (duration is not { } d) return null;
        double seconds = Math.Ceiling(d.TotalSeconds);
        // monerod saturates now + seconds at time_t's maximum; a ban that long is for ever in practice.
        return seconds >= long.MaxValue - now ? null : now + (long)seconds;
    }

    private static bool Active(BanRecord ban, long now) => ban.ExpiresUnixSeconds is not { } t || now < t;

    private static long? Remaining(BanRecord ban, long now) => ban.ExpiresUnixSeconds is { } t ? Math.Max(0, t - now) : null;

    /// <summary>An IPv4-mapped IPv6 address is the IPv4 host it maps (what a dual-mode socket reports).</summary>
    internal static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());

    /// <summary>
    /// <paramref name="ip"/> with the bits after <paramref name="prefix"/> cleared: IPNetwork refuses a base address with
    /// host bits set, while a ban list may well say 10.1.2.3/8.
    /// </summary>
    internal static IPAddress MaskHostBits(IPAddress ip, int prefix)
    {
        var bytes = ip.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    private static int CompareSubnets(BanEntry a, BanEntry b)
    {
        var x = a.Subnet!.Value;
        var y = b.Subnet!.Value;
        int c = (x.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)
            .CompareTo(y.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 0 : 1);
        if (c != 0) return c;
        c = x.BaseAddress.GetAddressBytes().AsSpan().SequenceCompareTo(y.BaseAddress.GetAddressBytes());
        return c != 0 ? c : x.PrefixLength.CompareTo(y.PrefixLength);
    }
}
