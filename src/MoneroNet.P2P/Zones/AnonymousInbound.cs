using System.Net;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Zones;

/// <summary>
/// One <c>--anonymous-inbound &lt;hidden-service-address&gt;,&lt;bind-ip:port&gt;[,max connections]</c>: a listener on
/// <paramref name="Bind"/> (where the Tor or I2P daemon forwards our hidden service) whose connections belong to the
/// zone of <paramref name="OurAddress"/>, at most <paramref name="MaxConnections"/> at once (monerod's default:
/// unlimited). <paramref name="OurAddress"/> is what we tell peers of that zone when we dial them (monerod adds it to
/// its timed-sync answers on outgoing connections of the same zone).
/// </summary>
public sealed record AnonymousInbound(NetworkAddress OurAddress, IPEndPoint Bind, long MaxConnections = uint.MaxValue)
{
    /// <summary>The zone the listener's connections belong to (Tor or I2P).</summary>
    public NetworkZone Zone => NetworkZones.Of(OurAddress);

    /// <summary>
    /// What an incoming connection of this zone is known as: the Tor or I2P daemon hands us the bytes, not the
    /// caller's address, so monerod calls every such peer <c>&lt;unknown tor host&gt;</c> / <c>&lt;unknown i2p host&gt;</c>
    /// with port 0 (its set_default_remote).
    /// </summary>
    public NetworkAddress DefaultRemote => NetworkAddress.UnknownHostOf(OurAddress.Type);
}
