using System.Net;

namespace MoneroNet.P2P.Bans;

/// <summary>
/// One ban as get_bans reports it: a host (<see cref="Address"/> set, <see cref="IsSubnet"/> false) or a subnet
/// (<see cref="Subnet"/> set). <see cref="Host"/> is the text monerod prints ("1.2.3.4", "2001:db8::1",
/// "10.0.0.0/8"). <see cref="SecondsRemaining"/> is null for a ban for ever.
/// </summary>
public sealed record BanEntry(string Host, bool IsSubnet, IPNetwork? Subnet, IPAddress? Address, long? SecondsRemaining)
{
    /// <summary>Who set it (<see cref="BanSources"/>).</summary>
    public string Source { get; init; } = BanSources.Rpc;

    /// <summary>When it was set (or last renewed), unix seconds. A piece left of a subnet that an unban split keeps
    /// the subnet's time.</summary>
    public long CreatedUnixSeconds { get; init; }
}
