using System.Net;
using System.Net.Sockets;

namespace MoneroNet.P2P.Bans;

/// <summary>
/// Banned hosts and subnets, IPv4 and IPv6, each for a duration or for ever (monerod's m_blocked_hosts and
/// m_blocked_subnets; IPv6 subnets go beyond monerod). Expired bans disappear lazily, as monerod drops them when it
/// next looks. Bans come from three sources: the RPC (set_bans), the fail-score auto-ban, and the --ban-list file;
/// only the last is replaced by <see cref="P2P.P2PNode.ReloadBanListAsync"/>. Thread-safe; <see cref="Banned"/>
/// is raised after the lock is released, so a handler may read the list.
/// </summary>
public sealed class BanList
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<IPAddress, BanRecord> _hosts = [];
    private readonly Dictionary<IPNetwork, BanRecord> _subnets = [];

    /// <summary>Expiry in unix seconds (null = for ever) and whether the ban came from the --ban-list file.</summary>
    private readonly record struct BanRecord(long? ExpiresUnixSeconds, bool FromFile);

    internal BanList(TimeProvider time) => _time = time;

    /// <summary>Raised for every ban set (new or renewed); the node drops matching connections from it.</summary>
    public event Action<BanEntry>? Banned;

    /// <summary>Raised after an unban removed a ban, outside the lock, with the host or subnet as get_bans prints it.</summary>
    public event Action<string>? Unbanned;

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Bans a host; null <paramref name="duration"/> = for ever. Matching connections are dropped at once.</summary>
    public void Ban(IPAddress address, TimeSpan? duration) => BanHost(Normalize(address), duration, fromFile: false);

    /// <summary>Bans a subnet (IPv4 or IPv6); null <paramref name="duration"/> = for ever.</summary>
    public void Ban(IPNetwork subnet, TimeSpan? duration) => BanSubnet(subnet, duration, fromFile: false);

    public bool Unban(IPAddress address)
    {
        var ip = Normalize(address);
        bool removed;
        lock (_lock) removed = _hosts.Remove(ip);
        return RaiseUnbanned(removed, ip.ToString());
    }

    public bool Unban(IPNetwork subnet)
    {
        bool removed;
        lock (_lock) removed = _subnets.Remove(subnet);
        return RaiseUnbanned(removed, subnet.ToString());
    }

    private bool RaiseUnbanned(bool removed, string host)
    {
        if (removed) Unbanned?.Invoke(host);
        return removed;
    }

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
                if (Active(b, now)) hosts.Add(new BanEntry(ip.ToString(), false, null, ip, Remaining(b, now)));
            foreach (var (net, b) in _subnets)
                if (Active(b, now)) subnets.Add(new BanEntry(net.ToString(), true, net, null, Remaining(b, now)));
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

    /// <summary>Replaces the bans that came from the --ban-list file; RPC and automatic bans stay.</summary>
    internal void ReplaceFileBans(IReadOnlyCollection<IPAddress> hosts, IReadOnlyCollection<IPNetwork> subnets)
    {
        lock (_lock)
        {
            foreach (var ip in _hosts.Where(kv => kv.Value.FromFile).Select(kv => kv.Key).ToList()) _hosts.Remove(ip);
            foreach (var net in _subnets.Where(kv => kv.Value.FromFile).Select(kv => kv.Key).ToList()) _subnets.Remove(net);
        }
        foreach (var ip in hosts) BanHost(Normalize(ip), null, fromFile: true);
        foreach (var net in subnets) BanSubnet(net, null, fromFile: true);
    }

    private void BanHost(IPAddress ip, TimeSpan? duration, bool fromFile)
    {
        long now = Now;
        var ban = new BanRecord(Expiry(now, duration), fromFile);
        lock (_lock)
        {
            // A file ban never overrides an operator's (RPC) ban of the same host.
            if (fromFile && _hosts.TryGetValue(ip, out var existing) && !existing.FromFile && Active(existing, now)) return;
            _hosts[ip] = ban;
        }
        Banned?.Invoke(new BanEntry(ip.ToString(), false, null, ip, Remaining(ban, now)));
    }

    private void BanSubnet(IPNetwork net, TimeSpan? duration, bool fromFile)
    {
        long now = Now;
        var ban = new BanRecord(Expiry(now, duration), fromFile);
        lock (_lock)
        {
            if (fromFile && _subnets.TryGetValue(net, out var existing) && !existing.FromFile && Active(existing, now)) return;
            _subnets[net] = ban;
        }
        Banned?.Invoke(new BanEntry(net.ToString(), true, net, null, Remaining(ban, now)));
    }

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
