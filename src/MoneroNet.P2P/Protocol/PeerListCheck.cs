using MoneroNet.P2P.PeerLists;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// The whole-list checks of monerod's handle_remote_peerlist: more than 250 entries is spamming, and an entry of
/// another zone (for the public zone: anything but IPv4/IPv6, including an address that did not load; for Tor and
/// I2P: anything but that zone's addresses) fails the
/// whole list. Entries that are merely unusable (loopback, 0.0.0.0, …) are filtered later, one by one.
/// </summary>
internal static class PeerListCheck
{
    /// <returns>null when the list is acceptable, otherwise why it is not.</returns>
    public static string? Problem(IReadOnlyList<PeerlistEntry> list, Zones.NetworkZone zone = Zones.NetworkZone.Public)
    {
        if (list.Count > NetworkConstants.MaxPeersInHandshake)
            return $"{list.Count} peers in one list (at most {NetworkConstants.MaxPeersInHandshake})";
        foreach (var e in list)
        {
            if (zone == Zones.NetworkZone.Public ? !AddressRules.IsPublicZone(e.Address)
                : e.Address.Type is not (NetworkAddressType.Tor or NetworkAddressType.I2p) || Zones.NetworkZones.Of(e.Address) != zone)
            {
                return $"peer list holds an address of another zone ({e.Address})";
            }
        }
        return null;
    }
}
