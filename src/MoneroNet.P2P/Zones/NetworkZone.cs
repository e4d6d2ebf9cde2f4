using MoneroNet.Wire;

namespace MoneroNet.P2P.Zones;

/// <summary>
/// monerod's network zones (epee's <c>zone</c>): the public internet (IPv4 and IPv6), Tor and I2P. Every connection,
/// peer-list entry and limit belongs to exactly one zone, and nothing of one zone is ever told to a peer of another
/// (docs/PROTOCOL.md §3.9).
/// </summary>
public enum NetworkZone
{
    /// <summary>The public internet: IPv4 and IPv6 peers, dialled directly (or through --proxy).</summary>
    Public = 0,
    /// <summary>Tor: <c>.onion</c> peers, dialled through the zone's --tx-proxy.</summary>
    Tor = 1,
    /// <summary>I2P: <c>.b32.i2p</c> peers, dialled through the zone's --tx-proxy.</summary>
    I2p = 2,
}

/// <summary>Which zone an address belongs to, and the zone's names as monerod prints them.</summary>
public static class NetworkZones
{
    /// <summary>The zone of an address; the invalid address counts as public (it can only come from a bad list).</summary>
    public static NetworkZone Of(NetworkAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Type switch
        {
            NetworkAddressType.Tor => NetworkZone.Tor,
            NetworkAddressType.I2p => NetworkZone.I2p,
            _ => NetworkZone.Public,
        };
    }

    /// <summary>monerod's zone_to_string: <c>public</c>, <c>tor</c>, <c>i2p</c>.</summary>
    public static string NameOf(NetworkZone zone) => zone switch
    {
        NetworkZone.Tor => "tor",
        NetworkZone.I2p => "i2p",
        _ => "public",
    };

    /// <summary>monerod's zone_from_string for the anonymity zones (<c>tor</c>, <c>i2p</c>); null for anything else.</summary>
    public static NetworkZone? AnonymityZoneFromName(string name) => name switch
    {
        "tor" => NetworkZone.Tor,
        "i2p" => NetworkZone.I2p,
        _ => null,
    };
}
