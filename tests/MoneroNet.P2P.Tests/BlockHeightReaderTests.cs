using CsCheck;
using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.P2P.Protocol;
using MoneroNet.P2P.Tests.Support;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// The block height read from a block blob's miner tx (what monerod master checks a new block's
/// current_blockchain_height against), on monerod's regtest captures and on malformed blobs.
/// </summary>
public class BlockHeightReaderTests
{
    /// <summary>The notification captured as new_fluffy_block__height{chainLength}.hex.</summary>
    internal static NewFluffyBlockNotification Captured(int chainLength)
    {
        var message = Vectors.Load($"p2p_regtest/new_fluffy_block__height{chainLength}.hex");
        var body = EpeeStorage.Read(message.AsSpan(LevinHeader.Size), EpeeLimits.Levin);
        return NewFluffyBlockNotification.FromSection(body);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Reads_the_height_of_monerods_regtest_blocks(int chainLength)
    {
        var captured = Captured(chainLength);
        Assert.True(BlockHeightReader.TryRead(captured.Block.Block, out ulong height));
        Assert.Equal((ulong)chainLength - 1, height);
        Assert.Equal((ulong)chainLength, captured.CurrentBlockchainHeight);
    }

    [Fact]
    public void Every_truncation_of_a_real_blob_short_of_the_height_is_no_height()
    {
        var blob = Captured(3).Block.Block;
        int needed = Enumerable.Range(0, blob.Length + 1).First(n => BlockHeightReader.TryRead(blob.AsSpan(0, n), out _));
        for (int n = 0; n < needed; n++) Assert.False(BlockHeightReader.TryRead(blob.AsSpan(0, n), out _));
        // The height ends a few dozen bytes in: versions, timestamp, prev id, nonce, tx version, unlock time, count, tag.
        Assert.InRange(needed, 3 + 32 + 4 + 4, 64);
    }

    [Fact]
    public void A_first_input_that_is_not_txin_gen_is_no_height()
    {
        var blob = Captured(2).Block.Block.ToArray();
        int tag = Array.IndexOf(blob, (byte)0xff, 3 + 32 + 4); // the first 0xff after the header is vin[0]'s tag
        blob[tag] = 0x02; // txin_to_key
        Assert.False(BlockHeightReader.TryRead(blob, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })] // 11-byte varint
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f })] // > u64
    [InlineData(new byte[] { 0x81, 0x00 })] // non-canonical zero tail
    public void Malformed_version_varints_are_no_height(byte[] start)
    {
        var blob = start.Concat(Captured(2).Block.Block).ToArray();
        Assert.False(BlockHeightReader.TryRead(blob, out _));
    }

    [Fact]
    public void Zero_inputs_is_no_height()
    {
        // versions 16/16, timestamp 1, prev id, nonce, tx version 2, unlock time 60, 0 inputs, then a stray tag.
        byte[] blob = [16, 16, 1, .. new byte[32], 0, 0, 0, 0, 2, 60, 0, 0xff, 5];
        Assert.False(BlockHeightReader.TryRead(blob, out _));
        blob[^3] = 1;
        Assert.True(BlockHeightReader.TryRead(blob, out ulong height));
        Assert.Equal(5ul, height);
    }

    [Fact]
    public void Arbitrary_bytes_never_throw()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            BlockHeightReader.TryRead(bytes, out _);
        }, iter: 20_000);
    }

    [Fact]
    public async Task A_block_whose_claimed_chain_length_is_not_its_height_plus_one_is_ignored()
    {
        await using var node = await TestNode.StartAsync(NetworkType.Regtest);
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);

        var real = Captured(3); // block at height 2
        await peer.SendNotificationAsync(CryptonoteCommands.NewFluffyBlock,
            new NewFluffyBlockNotification { Block = real.Block, CurrentBlockchainHeight = 50 }.ToSection());
        await peer.SendNotificationAsync(CryptonoteCommands.NewFluffyBlock,
            new NewFluffyBlockNotification { Block = new BlockCompleteEntry { Block = [1, 2, 3] }, CurrentBlockchainHeight = 9 }.ToSection());
        await peer.PingAsync(); // answered after both notifications were handled (one read loop, in order)

        Assert.Equal(1ul, session.Height);
        Assert.Equal(2, node.Log.Entries.Count(e => e.EventId == 2007 && e.Field("Peer") == peer.NameAtNode));
        Assert.False(session.IsClosed);

        await peer.SendNotificationAsync(CryptonoteCommands.NewFluffyBlock, real.ToSection());
        await Poll.UntilAsync(() => session.Height == 3, "height 3 from the matching block");
    }

    [Fact]
    public async Task A_full_new_block_2001_follows_the_same_rule()
    {
        await using var node = await TestNode.StartAsync(NetworkType.Regtest);
        await using var peer = await node.ConnectRawAsync();
        await peer.HandshakeAsync();
        var session = await node.SessionOfAsync(peer);
        var message = Vectors.Load("p2p_regtest/new_block_full__height2__to_peer_without_fluffy_flag.hex");
        var full = NewBlockNotification.FromSection(EpeeStorage.Read(message.AsSpan(LevinHeader.Size), EpeeLimits.Levin));

        await peer.SendNotificationAsync(CryptonoteCommands.NewBlock,
            new NewBlockNotification { Block = full.Block, CurrentBlockchainHeight = 7 }.ToSection());
        await peer.PingAsync();
        Assert.Equal(1ul, session.Height);

        await peer.SendRawAsync(message);
        await Poll.UntilAsync(() => session.Height == 2, "height 2 from the matching 2001");
    }
}
