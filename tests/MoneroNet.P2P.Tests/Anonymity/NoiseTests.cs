using System.Net;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.P2P.Stats;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.P2P.Zones;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests.Anonymity;

/// <summary>
/// monerod 0.18's noise on --tx-proxy connections, on a fake clock: 3 KiB dummy packets every 10–15 s on the zone's
/// outgoing connections, none with disable_noise, none on incoming or public connections.
/// </summary>
[Collection(SerialCollection.Name)]
public class NoiseTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Outgoing_zone_connections_carry_3_KiB_dummies_every_10_to_15_s_unless_disabled(bool noise)
    {
        await using var proxy = new SocksProxyFixture();
        var ours = NetworkAddress.Tor(AnonymityZoneTests.OnionB, 18083);
        await using var acceptor = await TestNode.StartOnOwnHostAsync(o => o with
        {
            AnonymousInbounds = [new AnonymousInbound(ours, new IPEndPoint(IPAddress.Loopback, 0))],
            TxProxies = [new TxProxy(NetworkZone.Tor, proxy.EndPoint)],
        });
        proxy.Map(AnonymityZoneTests.OnionB, acceptor.Node.AnonymousListenEndPoints.Single().EndPoint);
        var time = new FakeTimeProvider();
        await using var dialler = await TestNode.StartOnFakeClockAsync(time, o => o with
        {
            TxProxies = [new TxProxy(NetworkZone.Tor, proxy.EndPoint, 4, noise)],
        });

        var session = await dialler.Node.ConnectAnonymityAsync(ours);
        Assert.NotNull(session);
        await Poll.UntilAsync(() => session.HandshakeComplete, "handshake");
        var incoming = await Poll2.SingleAsync(() => acceptor.Node.Connections.All.Where(s => s.Incoming && s.HandshakeComplete));

        for (int second = 0; second < 120; second++) await dialler.TickAsync(time, TimeSpan.FromSeconds(1));

        ulong sent = await Poll.StableAsync(() => session.Traffic.MessagesSent(CommandKind.Other), TimeSpan.FromMilliseconds(300));
        if (!noise)
        {
            Assert.Equal(0UL, sent);
            return;
        }
        // First packet 10–15 s after start, then every 10–15 s (plus up to a 1 s tick): 7..12 packets in 120 s.
        Assert.InRange(sent, 7UL, 12UL);
        Assert.Equal(sent * NoiseChannels.NoiseBytes, session.Traffic.BytesSent(CommandKind.Other));
        // The acceptor's parser skips each as a dummy (its bytes count as "other", no message) and keeps the connection.
        await Poll.UntilAsync(() => incoming.Traffic.BytesReceived(CommandKind.Other) == sent * NoiseChannels.NoiseBytes, "every dummy arrives",
            state: () => $"{incoming.Traffic.BytesReceived(CommandKind.Other)} B of {sent} dummies received, closed {incoming.IsClosed}");
        Assert.Equal(0UL, incoming.Traffic.MessagesReceived(CommandKind.Other));
        Assert.False(incoming.IsClosed);
        // The acceptor's side of the link (incoming) sends none.
        Assert.Equal(0UL, incoming.Traffic.MessagesSent(CommandKind.Other));
    }

    [Fact]
    public void The_dummy_is_monerods_make_noise_notify_of_3_KiB()
    {
        var packet = NoiseChannels.DummyPacket;
        Assert.Equal(3072, packet.Length);
        Assert.True(Levin.LevinHeader.TryRead(packet, out var header));
        Assert.Equal(0u, header.Command);
        Assert.Equal((ulong)(3072 - Levin.LevinHeader.Size), header.BodyLength);
        Assert.False(header.ExpectResponse);
        Assert.Equal(Levin.LevinFlags.Begin | Levin.LevinFlags.End, header.Flags);
        Assert.All(packet[Levin.LevinHeader.Size..], b => Assert.Equal(0, b));
    }
}

/// <summary>A zone's fixed targets that fail through the proxy wait out the backoff (a logged failure each time).</summary>
[Collection(SerialCollection.Name)]
public class ZoneBackoffTests
{
    [Fact]
    public async Task A_failing_exclusive_onion_is_retried_only_after_the_backoff()
    {
        await using var proxy = new SocksProxyFixture(); // maps nothing: every CONNECT is refused
        var time = new FakeTimeProvider();
        var target = NetworkAddress.Tor(AnonymityZoneTests.OnionA, 18083);
        await using var node = await TestNode.StartOnFakeClockAsync(time, o => o with
        {
            TxProxies = [new TxProxy(NetworkZone.Tor, proxy.EndPoint)],
            AnonymousExclusiveNodes = [target],
        });
        for (int i = 0; i < 20; i++) await node.TickAsync(time, TimeSpan.FromSeconds(1));
        Assert.Single(proxy.Requests);
        Assert.Single(node.Log.Entries, e => e.EventId == 2401);

        // 30 s after the failure (DialBackoffBase) the next attempt goes out.
        for (int i = 0; i < 15; i++) await node.TickAsync(time, TimeSpan.FromSeconds(1));
        Assert.Equal(2, proxy.Requests.Count);
        Assert.All(proxy.Requests, r => Assert.Equal(new SocksRequest(5, SocksTargetKind.DomainName, AnonymityZoneTests.OnionA, 18083, false), r));
    }
}
