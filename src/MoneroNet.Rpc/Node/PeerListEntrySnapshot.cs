using System.Net;

namespace MoneroNet.Rpc.Node;

/// <summary>One entry of the white or gray peer list.</summary>
public sealed record PeerListEntrySnapshot
{
    /// <summary>monerod's address type id: 1 IPv4, 2 IPv6, 3 i2p, 4 tor.</summary>
    public required byte AddressType { get; init; }

    /// <summary>The IP address for IPv4 and IPv6 entries; null for other zones.</summary>
    public IPAddress? Ip { get; init; }

    /// <summary>The address text for i2p and tor entries ("x.onion:port"); ignored for IP entries.</summary>
    public string? Text { get; init; }

    public required ushort Port { get; init; }

    public required ulong PeerId { get; init; }

    /// <summary>Whole unix seconds; 0 = never seen.</summary>
    public required long LastSeenUnixSeconds { get; init; }

    public required uint PruningSeed { get; init; }

    public required ushort RpcPort { get; init; }

    public required uint RpcCreditsPerHash { get; init; }

    /// <summary>True when the entry's host (or a subnet holding it) is banned now.</summary>
    public required bool Blocked { get; init; }
}
