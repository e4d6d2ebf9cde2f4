using System.Net;

namespace MoneroNet.P2P.Zones;

/// <summary>
/// One <c>--tx-proxy &lt;zone&gt;,&lt;socks-ip:port&gt;[,max connections][,disable_noise]</c>: peers of
/// <paramref name="Zone"/> (Tor or I2P) are dialled through the SOCKS proxy at <paramref name="Proxy"/>, at most
/// <paramref name="MaxConnections"/> at once (monerod's default: 12). <paramref name="Noise"/> is monerod's default;
/// <c>disable_noise</c> clears it.
/// </summary>
public sealed record TxProxy(NetworkZone Zone, IPEndPoint Proxy, long MaxConnections = TxProxy.DefaultMaxConnections, bool Noise = true)
{
    /// <summary>monerod's set_max_out_peers(zone, -1): P2P_DEFAULT_CONNECTIONS_COUNT.</summary>
    public const long DefaultMaxConnections = 12;
}
