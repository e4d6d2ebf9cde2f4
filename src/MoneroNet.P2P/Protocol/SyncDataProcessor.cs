using MoneroNet.P2P.Connections;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// monerod's <c>process_payload_sync_data</c> as far as a node without a chain needs it: refuse what monerod
/// refuses (an invalid pruning seed), then remember the peer's height and pruning seed. MoneroNet never syncs
/// blocks, so a handshaked peer is always in state `normal`, whatever its height.
/// </summary>
internal static class SyncDataProcessor
{
    /// <returns>null when accepted, otherwise why the peer must be dropped.</returns>
    public static string? Process(PeerSession session, CoreSyncData data, string source, ProtocolContext ctx)
    {
        if (data.PruningSeed != 0 && !IsValidPruningSeed(data.PruningSeed))
            return $"invalid pruning seed 0x{data.PruningSeed:x}";

        session.PruningSeed = data.PruningSeed;
        session.Height = data.CurrentHeight;
        session.SetTop(data.TopId, data.TopVersion);
        P2PLog.HeightUpdated(ctx.ChainLog, session.Address, data.CurrentHeight, source);
        ctx.Observer.OnHeightChanged(session);
        return null;
    }

    /// <summary>A pruning seed encodes log2(stripes) = 3 and a stripe 1..8 (common/pruning.h).</summary>
    public static bool IsValidPruningSeed(uint seed)
    {
        uint logStripes = (seed >> 7) & 0x7;
        uint stripe = (seed & 0x7f) + 1;
        return logStripes == 3 && stripe is >= 1 and <= 8;
    }
}
