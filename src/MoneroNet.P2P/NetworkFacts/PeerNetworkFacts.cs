using System.Net;

namespace MoneroNet.P2P.NetworkFacts;

/// <summary>
/// The source of <see cref="PeerFacts"/> the host hands to whoever reports on connections. It holds the current
/// <see cref="NetworkFacts.AsnMap"/> (none without --asn-map); a reload builds a new map and swaps it in whole, so a
/// reader sees the old map or the new one, never a mix. Safe for concurrent readers and one replacing writer.
/// </summary>
public sealed class PeerNetworkFacts(AsnMap? asnMap = null)
{
    private AsnMap? _asnMap = asnMap;

    /// <summary>The map in use; null when none is loaded.</summary>
    public AsnMap? AsnMap => Volatile.Read(ref _asnMap);

    /// <summary>Swaps in a freshly loaded map (or none); lookups already running finish on the old one.</summary>
    public void ReplaceAsnMap(AsnMap? map) => Volatile.Write(ref _asnMap, map);

    /// <summary>The subnet and, when the map has the address, the AS of <paramref name="address"/>. Allocation-free.</summary>
    public PeerFacts Describe(IPAddress address) => new(PeerSubnet.From(address), AsnMap?.Lookup(address));
}
