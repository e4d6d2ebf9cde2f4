using System.Net;

namespace MoneroNet.Rpc.Node;

/// <summary>One active ban: a host (IPv4 or IPv6 address) or an IPv4 subnet, with its remaining time.</summary>
public sealed record BanSnapshot
{
    /// <summary>The banned address; null for a subnet ban.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The banned subnet; null for a host ban.</summary>
    public IPNetwork? Subnet { get; init; }

    /// <summary>Whole seconds until the ban ends.</summary>
    public required long SecondsRemaining { get; init; }

    /// <summary>Who set it: "rpc", "ban_list:&lt;file name&gt;" or "auto:&lt;reason&gt;" (extended get_bans).</summary>
    public string Source { get; init; } = "rpc";

    /// <summary>When it was set, whole unix seconds (extended get_bans); 0 when unknown.</summary>
    public long CreatedUnixSeconds { get; init; }
}
