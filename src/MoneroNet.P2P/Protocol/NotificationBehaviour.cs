using MoneroNet.Epee;
using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// The cryptonote notifications 2001–2010. A node without a chain only needs the height of new blocks: monerod 0.18
/// waits for the next timed sync to learn it, master takes it from a new block at once (when it matches the block's
/// own height), and so do we. The rest is
/// counted and ignored, as monerod ignores it while it is not synchronized — except what monerod drops a peer for:
/// chain/object requests before a handshake, and chain/object responses we never asked for.
/// </summary>
internal sealed class NotificationBehaviour(ProtocolContext ctx)
{
    public void OnNotification(PeerSession session, uint command, EpeeSection body)
    {
        session.CountNotification(command);
        switch (command)
        {
            case CryptonoteCommands.NewBlock:
                var block = NewBlockNotification.FromSection(body);
                UpdateHeight(session, block.CurrentBlockchainHeight, block.Block.Block, "new block");
                break;
            case CryptonoteCommands.NewFluffyBlock:
                var fluffy = NewFluffyBlockNotification.FromSection(body);
                UpdateHeight(session, fluffy.CurrentBlockchainHeight, fluffy.Block.Block, "new fluffy block");
                break;
            case CryptonoteCommands.RequestGetObjects or CryptonoteCommands.RequestChain or CryptonoteCommands.RequestFluffyMissingTx
                when !session.HandshakeComplete:
                ctx.CloseWithFail(session, DisconnectReason.ProtocolViolation, $"notification {command} before the handshake", 1);
                break;
            case CryptonoteCommands.ResponseGetObjects or CryptonoteCommands.ResponseChainEntry:
                // We never request blocks or chains, so any such response is "out of the blue" (monerod drops it).
                ctx.CloseWithFail(session, DisconnectReason.ProtocolViolation, $"notification {command} that we never asked for", 1);
                break;
            case CryptonoteCommands.NewTransactions or CryptonoteCommands.GetTxPoolComplement
                or CryptonoteCommands.RequestGetObjects or CryptonoteCommands.RequestChain or CryptonoteCommands.RequestFluffyMissingTx:
                break; // nothing to serve from a node without a chain or pool
            default:
                P2PLog.UnknownCommand(ctx.ChainLog, session.Address, command, "notification", "ignored");
                break;
        }
    }

    /// <summary>
    /// monerod master's rule: the claimed chain length counts only when it is exactly one more than the height of the
    /// block that came with it (read from the block's miner tx). A mismatch or an unreadable blob is ignored.
    /// </summary>
    private void UpdateHeight(PeerSession session, ulong claimed, byte[] blob, string source)
    {
        // Only a handshaked peer's claims count, as with timed syncs.
        if (!session.HandshakeComplete) return;
        if (!BlockHeightReader.TryRead(blob, out ulong blockHeight))
        {
            P2PLog.HeightIgnored(ctx.ChainLog, session.Address, claimed, source, "block height unreadable");
            return;
        }
        if (blockHeight == ulong.MaxValue || claimed != blockHeight + 1)
        {
            if (ctx.ChainLog.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
                P2PLog.HeightIgnored(ctx.ChainLog, session.Address, claimed, source, $"block is at height {blockHeight}");
            return;
        }
        session.Height = claimed;
        P2PLog.HeightUpdated(ctx.ChainLog, session.Address, claimed, source);
        ctx.Observer.OnHeightChanged(session);
    }
}
