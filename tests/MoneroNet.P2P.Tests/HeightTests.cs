using MoneroNet.Levin;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The peer's height (get_connections `height`, PROTOCOL.md §5.2): taken from handshakes and timed syncs, and — as
/// monerod master does — at once from a new (fluffy) block of a handshaked peer. Uses monerod's regtest captures.
/// </summary>
public class HeightTests
{
    [Fact]
    public async Task New_fluffy_blocks_from_a_handshaked_peer_set_its_height_at_once()
    {
        await using var node = await TestNode.StartAsync(NetworkType.Regtest);
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);
        Assert.Equal(1ul, session.Height);

        foreach (ulong height in new ulong[] { 2, 3, 4 })
        {
            await peer.SendRawAsync(Vectors.Load($"p2p_regtest/new_fluffy_block__height{height}.hex"));
            await Poll.UntilAsync(() => session.Height == height, $"height {height}");
        }
        Assert.Equal(3, session.NotificationsReceived(CryptonoteCommands.NewFluffyBlock));
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task A_new_fluffy_block_before_the_handshake_does_not_count()
    {
        await using var node = await TestNode.StartAsync(NetworkType.Regtest);
        await using var peer = await node.ConnectRawAsync();
        var session = await node.SessionOfAsync(peer);

        await peer.SendRawAsync(Vectors.Load("p2p_regtest/new_fluffy_block__height3.hex"));
        await peer.PingAsync(); // answered after the notification was handled (one read loop, in order)

        Assert.Equal(1, session.NotificationsReceived(CryptonoteCommands.NewFluffyBlock));
        Assert.Equal(0ul, session.Height);
    }

    [Fact]
    public async Task A_timed_sync_request_with_a_higher_height_updates_it()
    {
        await using var node = await TestNode.StartAsync(NetworkType.Regtest);
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);

        peer.Height = 10;
        var response = await peer.InvokeAsync(P2PCommands.TimedSync, new TimedSyncRequest { PayloadData = peer.SyncData }.ToSection());

        Assert.Equal(LevinReturnCodes.Success, response.Header.ReturnCode);
        Assert.Equal(10ul, session.Height);
    }

    [Fact]
    public async Task A_timed_sync_response_with_a_higher_height_updates_it()
    {
        await using var node = await TestNode.StartAsync(NetworkType.Regtest);
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);
        peer.Height = 20;
        peer.AnswerTimedSyncs = true;

        node.Node.SendTimedSyncs();

        var request = await peer.NextMatchingAsync(f => f.Kind == LevinMessageKind.Request && f.Command == P2PCommands.TimedSync);
        Assert.Equal(NetworkConstants.GenesisHashOf(NetworkType.Regtest), TimedSyncRequest.FromSection(request.Section).PayloadData.TopId);
        await Poll.UntilAsync(() => session.Height == 20, "height 20 from the timed sync answer");
        Assert.False(session.IsClosed);
    }
}
