using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The registry's tally of connections by direction, state, type and address type (what /metrics reads without a
/// walk) always equals a walk over the listed sessions, through opens, handshakes and closes on many threads.
/// </summary>
public class ConnectionTallyTests
{
    private static void AssertTallyMatchesWalk(TestNode node)
    {
        var tally = new ConnectionTally();
        node.Node.Connections.CopyTally(tally);
        var sessions = node.Node.Connections.All.ToList();
        foreach (var incoming in new[] { true, false })
        {
            foreach (var state in Enum.GetValues<ConnectionState>())
            {
                Assert.Equal(sessions.Count(s => s.Incoming == incoming && s.State == state), tally.ByDirectionAndState(incoming, state));
            }
        }

        foreach (var type in Enum.GetValues<PeerConnectionType>())
        {
            for (byte addressType = 0; addressType < ConnectionTally.AddressTypeCount; addressType++)
            {
                Assert.Equal(sessions.Count(s => s.ConnectionType == type && s.Address.TypeId == addressType),
                    tally.ByTypeAndAddressType(type, addressType));
            }
        }
    }

    [Fact]
    public async Task The_tally_follows_opens_handshakes_and_closes_in_both_directions()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        await using var other = await TestNode.StartOnOwnHostAsync(o => o with { OutPeers = 0 });
        AssertTallyMatchesWalk(node);

        // 24 raw peers at once: a third never handshake, a third handshake and stay, a third handshake and leave.
        var peers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var peer = await node.ConnectRawAsync(Loopback.Next());
            if (i % 3 != 0) await peer.HandshakeAsync();
            return peer;
        }));
        var outgoing = await node.Node.ConnectAsync(other.EndPoint);
        Assert.NotNull(outgoing);
        await Poll.UntilAsync(() => node.Node.Connections.Count == 25 && outgoing.HandshakeComplete &&
                                    node.Handshaked(incoming: true) == 16, "24 incoming (16 handshaked) and one outgoing");
        AssertTallyMatchesWalk(node);
        var tally = new ConnectionTally();
        node.Node.Connections.CopyTally(tally);
        Assert.Equal(16, tally.ByDirectionAndState(incoming: true, ConnectionState.Normal));
        Assert.Equal(8, tally.ByDirectionAndState(incoming: true, ConnectionState.BeforeHandshake));
        Assert.Equal(1, tally.ByDirectionAndState(incoming: false, ConnectionState.Normal));
        Assert.Equal(24, tally.ByTypeAndAddressType(PeerConnectionType.Inbound, 1));
        Assert.Equal(1, tally.ByTypeAndAddressType(PeerConnectionType.Manual, 1));

        await Task.WhenAll(peers.Where((_, i) => i % 3 == 2).Select(p => p.DisposeAsync().AsTask()));
        outgoing.Close(DisconnectReason.Requested, "test");
        await Poll.UntilAsync(() => node.Node.Connections.Count == 16, "the leavers and the outgoing connection gone");
        AssertTallyMatchesWalk(node);

        foreach (var p in peers) await p.DisposeAsync();
        await Poll.UntilAsync(() => node.Node.Connections.Count == 0, "every connection gone");
        AssertTallyMatchesWalk(node);
        node.Node.Connections.CopyTally(tally);
        Assert.Equal(0, tally.ByDirectionAndState(incoming: true, ConnectionState.Normal));
        Assert.Equal(0, tally.ByDirectionAndState(incoming: true, ConnectionState.BeforeHandshake));
    }
}
