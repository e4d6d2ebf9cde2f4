using System.Text.Json;
using MoneroNet.Node.Netinfo;

namespace MoneroNet.Node.Tests.Netinfo;

/// <summary>get_connections answers of both nodes read into the model (shapes as in the README's examples).</summary>
public sealed class NetinfoJsonTests
{
    [Fact]
    public void MoneroNetsExtendedEntry_FillsEveryField()
    {
        using var doc = JsonDocument.Parse("""
            { "connections": [{ "address": "127.0.0.1:38180", "address_type": 1,
              "bytes_recv_per_msg": { "handshake": 295, "ping": 213 }, "bytes_sent_per_msg": { "handshake": 295 },
              "connection_type": "exclusive", "height": 7, "incoming": false, "live_time": 75, "min_ping_ms": 0.629636,
              "msgs_recv_per_msg": { "handshake": 1, "ping": 3 }, "msgs_sent_per_msg": { "handshake": 1 },
              "peer_id": "796005cf3ddfc597", "ping_ms": 2.11839, "proxy_check": "consistent", "recv_idle_time": 4,
              "send_idle_time": 5, "state": "normal", "asn": 64500, "country": "US" }] }
            """);
        var peer = Assert.Single(NetinfoJson.Peers(doc.RootElement));
        Assert.Equal(new NetinfoPeer
        {
            Incoming = false, ConnectionType = "exclusive", Zone = "public", Address = "127.0.0.1:38180",
            PeerId = "796005cf3ddfc597", State = "normal", Height = 7, AgeSeconds = 75, SendIdleSeconds = 5,
            RecvIdleSeconds = 4, PingMs = 2.11839, MinPingMs = 0.629636, ProxyCheck = "consistent", Asn = 64500,
            Country = "US", Traffic = peer.Traffic,
        }, peer);
        Assert.Equal(
            [new NetinfoCommandTraffic("handshake", 1, 295, 1, 295), new NetinfoCommandTraffic("ping", 3, 213, 0, 0)],
            peer.Traffic);
    }

    [Fact]
    public void MonerodsEntry_LeavesTheExtendedFieldsNull()
    {
        using var doc = JsonDocument.Parse("""
            { "connections": [{ "address": "abc.onion:18083", "address_type": 4, "height": 1, "incoming": true,
              "live_time": 19, "peer_id": "575c283b417e81aa", "recv_idle_time": 19, "send_idle_time": 18,
              "state": "normal" }], "status": "OK" }
            """);
        var peer = Assert.Single(NetinfoJson.Peers(doc.RootElement));
        Assert.Null(peer.ConnectionType);
        Assert.Null(peer.PingMs);
        Assert.Null(peer.MinPingMs);
        Assert.Null(peer.ProxyCheck);
        Assert.Null(peer.Asn);
        Assert.Empty(peer.Traffic);
        Assert.Equal("tor", peer.Zone);
        Assert.True(peer.Incoming);
        Assert.Equal(18UL, peer.SendIdleSeconds);
    }

    [Fact]
    public void MonerodWithoutConnections_LeavesTheKeyOut_AndThatIsNoPeers()
    {
        using var doc = JsonDocument.Parse("""{ "status": "OK", "untrusted": false }""");
        Assert.Empty(NetinfoJson.Peers(doc.RootElement));
    }

    [Theory]
    [InlineData(1UL, "public")]
    [InlineData(2UL, "public")]
    [InlineData(3UL, "i2p")]
    [InlineData(4UL, "tor")]
    public void Zone_FollowsTheEpeeAddressType(ulong type, string zone) => Assert.Equal(zone, NetinfoJson.ZoneOf(type));
}
