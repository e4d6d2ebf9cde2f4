using MoneroNet.P2P.Connections;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The connection registry behind get_connections: a closed session leaves it at once, and the counts the accept path
/// checks are counters that follow every add and remove (no walk over 10,000 sessions per accept).
/// </summary>
public class RegistryTests
{
    [Fact]
    public async Task A_closed_session_leaves_the_registry_when_Close_returns()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        await using var peer = await node.ConnectRawAsync(Loopback.Next());
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);

        session.Close(DisconnectReason.Requested, "test");

        // No waiting: get_connections right after the close must not list the dead connection.
        Assert.DoesNotContain(session, node.Node.Connections.All);
        Assert.Equal(0, node.Node.Connections.Count);
        Assert.Equal(0, node.Node.Connections.CountIncoming());
        // Its close was logged before it left, so whoever sees it gone also sees why.
        Assert.Single(node.Log.ClosesOf(peer.NameAtNode));
    }

    [Fact]
    public async Task Incoming_counters_follow_connections_and_forget_hosts_with_none_left()
    {
        await using var node = await TestNode.StartOnOwnHostAsync();
        var host = Loopback.Next();
        var peers = new List<RawPeer>();
        try
        {
            for (int i = 0; i < 3; i++) peers.Add(await node.ConnectRawAsync(host));
            var other = await node.ConnectRawAsync(Loopback.Next());
            peers.Add(other);
            await Poll.UntilAsync(() => node.Node.Connections.Count == 4, "four incoming");
            var registry = node.Node.Connections;
            Assert.Equal(4, registry.CountIncoming());
            Assert.Equal(3, registry.CountIncomingFrom(host));
            Assert.Equal(0, registry.CountOutgoingPeers());
            Assert.Equal(2, registry.TrackedIncomingHosts);

            foreach (var p in peers) await p.DisposeAsync();
            await Poll.UntilAsync(() => registry.Count == 0, "all closed");
            Assert.Equal(0, registry.CountIncoming());
            Assert.Equal(0, registry.CountIncomingFrom(host));
            Assert.Equal(0, registry.TrackedIncomingHosts);
        }
        finally
        {
            foreach (var p in peers) await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_in_peers_limit_counts_a_closed_connection_as_gone_at_once()
    {
        await using var node = await TestNode.StartOnOwnHostAsync(o => o with { InPeers = 1 });
        await using var first = await node.ConnectRawAsync(Loopback.Next());
        await first.HandshakeAsync();
        (await node.SessionOfAsync(first)).Close(DisconnectReason.Requested, "test");

        // The slot is free as soon as Close returned, not when the old read loop finishes.
        await using var second = await node.ConnectRawAsync(Loopback.Next());
        await second.HandshakeAsync();
        Assert.Equal(1, node.Node.Connections.CountIncoming());
    }
}
