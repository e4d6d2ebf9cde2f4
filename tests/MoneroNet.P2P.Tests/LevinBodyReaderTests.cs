using System.Buffers;
using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.P2P.Protocol;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Tests;

public class LevinBodyReaderTests
{
    private static byte[] U8ArrayBody(int count)
    {
        var root = new EpeeSection();
        var txs = new EpeeArray(EpeeType.UInt8, count);
        for (int i = 0; i < count; i++) txs.Add(EpeeValue.FromUInt8((byte)i));
        root.Add("txs", EpeeValue.FromArray(txs));
        return EpeeStorage.ToArray(root);
    }

    [Theory]
    [InlineData(CryptonoteCommands.NewTransactions)]
    [InlineData(CryptonoteCommands.GetTxPoolComplement)]
    [InlineData(CryptonoteCommands.RequestChain)]
    [InlineData(4242u)]
    public void Ignored_notifications_are_validated_but_not_built(uint command)
    {
        byte[] body = U8ArrayBody(1_000_000);
        var header = LevinHeader.ForNotification(command, (ulong)body.Length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(LevinBodyReader.TryRead(header, new ReadOnlySequence<byte>(body), out var section, out var error));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(section);
        Assert.Null(error);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
        Assert.True(LevinBodyReader.IsIgnoredNotification(header));
    }

    [Fact]
    public void An_ignored_notification_that_epee_rejects_is_still_rejected()
    {
        byte[] body = U8ArrayBody(10);
        var header = LevinHeader.ForNotification(CryptonoteCommands.NewTransactions, (ulong)body.Length - 1);
        Assert.False(LevinBodyReader.TryRead(header, new ReadOnlySequence<byte>(body[..^1]), out _, out var error));
        Assert.Equal(EpeeError.CountSanity, error!.Kind);
    }

    [Theory]
    [InlineData(CryptonoteCommands.NewBlock, false)]
    [InlineData(CryptonoteCommands.NewFluffyBlock, false)]
    [InlineData(P2PCommands.TimedSync, true)]
    public void Block_notifications_and_requests_are_built(uint command, bool request)
    {
        byte[] body = U8ArrayBody(3);
        var header = request ? LevinHeader.ForRequest(command, (ulong)body.Length) : LevinHeader.ForNotification(command, (ulong)body.Length);
        Assert.False(LevinBodyReader.IsIgnoredNotification(header));
        Assert.True(LevinBodyReader.TryRead(header, new ReadOnlySequence<byte>(body), out var section, out _));
        Assert.Equal(3, section!["txs"].AsArray().Count);
    }
}
