using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Info;

/// <summary>
/// The synchronisation numbers get_info and sync_info share, derived as monerod derives them from its core target
/// height (the best height a peer announced above ours; 0 while no peer was ahead) and its "synchronized" flag.
/// </summary>
internal static class SyncState
{
    private const int PruningLogStripes = 3;
    private const ulong PruningStripeSize = 4096;
    private const ulong PruningTipBlocks = 5500;

    /// <summary>monerod's CRYPTONOTE_MAX_BLOCK_NUMBER, the assumed chain size while no peer told a bigger one.</summary>
    private const ulong MaxBlockNumber = 500_000_000;

    /// <summary>The core's target height: a peer's height when one is ahead of us, else 0.</summary>
    public static ulong CoreTargetHeight(NodeInfoSnapshot info) =>
        info.BestPeerHeight > info.ChainHeight ? info.BestPeerHeight : 0;

    /// <summary><c>target_height</c>: 0 once synchronized, otherwise the core's target height.</summary>
    public static ulong TargetHeight(NodeInfoSnapshot info) => info.Synchronized ? 0 : CoreTargetHeight(info);

    /// <summary>
    /// monerod's <c>get_next_needed_pruning_stripe().second</c>: the stripe of the next block we need (0 near the
    /// tip), moved on to the following stripe when enough synchronising peers already serve the first one.
    /// </summary>
    public static uint NextNeededPruningSeed(NodeInfoSnapshot info, IReadOnlyList<ConnectionSnapshot> connections)
    {
        var target = CoreTargetHeight(info);
        var chainSize = target == 0 ? MaxBlockNumber : target;
        var stripeCount = 1u << PruningLogStripes;
        if (info.ChainHeight + PruningTipBlocks >= chainSize)
        {
            return 0;
        }

        var next = (uint)((info.ChainHeight / PruningStripeSize) & (stripeCount - 1)) + 1;
        var subsequent = 1 + (next % stripeCount);
        int onNext = 0, onSubsequent = 0;
        foreach (var connection in connections)
        {
            if (connection.State is "before_handshake" or "unknown")
            {
                continue; // monerod counts connections from "synchronizing" on
            }

            var stripe = StripeOf(connection.PruningSeed);
            if (connection.PruningSeed == 0 || stripe == next)
            {
                onNext++;
            }
            else if (stripe == subsequent)
            {
                onSubsequent++;
            }
        }

        var useSubsequent = (onNext > info.OutPeersLimit / 2 && onSubsequent <= 1) || (onNext > 2 && onSubsequent == 0);
        return useSubsequent ? subsequent : next;
    }

    /// <summary>The stripe a pruning seed names: 1 + its low 7 bits; 0 for an unpruned peer.</summary>
    private static uint StripeOf(uint pruningSeed) => pruningSeed == 0 ? 0 : 1 + (pruningSeed & 0x7F);
}
