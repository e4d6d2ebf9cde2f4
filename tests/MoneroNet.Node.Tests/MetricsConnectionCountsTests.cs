using MoneroNet.P2P.Connections;
using MoneroNet.Rpc.Node;
using MoneroNet.Wire;

namespace MoneroNet.Node.Tests;

/// <summary>
/// P2PNodeQuery.GetConnectionCounts counts a session by its state's enum value and its address type; these pin the
/// indexes it relies on to the names /metrics prints, so a new state or zone cannot shift every series by one.
/// </summary>
public sealed class MetricsConnectionCountsTests
{
    [Fact]
    public void Each_connection_state_indexes_its_own_monerod_name()
    {
        foreach (var state in Enum.GetValues<ConnectionState>())
            Assert.Equal(state.ToMonerodString(), ConnectionCounts.States[(int)state]);
    }

    [Theory]
    [InlineData(NetworkAddressType.IPv4, "public")]
    [InlineData(NetworkAddressType.IPv6, "public")]
    [InlineData(NetworkAddressType.Tor, "tor")]
    [InlineData(NetworkAddressType.I2p, "i2p")]
    [InlineData(NetworkAddressType.Invalid, "other")]
    public void Each_address_type_counts_in_its_zone(NetworkAddressType type, string zone) =>
        Assert.Equal(zone, ConnectionCounts.Zones[ConnectionCounts.ZoneOf((byte)type)]);

    [Fact]
    public void Every_p2p_connection_type_has_its_own_metrics_name()
    {
        // No P2P type may fall into "unknown": /metrics and get_connection_stats would then disagree.
        foreach (var type in Enum.GetValues<PeerConnectionType>())
            Assert.Contains(PeerConnectionTypes.NameOf(type), ConnectionCounts.ConnectionTypes.Take(ConnectionCounts.ConnectionTypes.Count - 1));
    }
}
