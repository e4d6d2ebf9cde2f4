using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Chain;

/// <summary>
/// The consensus facts monerod 0.18 derives for a chain that holds only its genesis block — the only chain MoneroNet
/// has. Each value is what a freshly started monerod answers (checked against live 0.18 nodes on every network):
/// the hard-fork machinery has seen one block (window 1) whose vote is version 1; mainnet, testnet and stagenet are
/// at version 1 and expect version 2 next, regtest already runs the newest version.
/// </summary>
internal static class GenesisChain
{
    /// <summary>monerod's HardFork::DEFAULT_FORKED_TIME: a year after the newest fork a node is "likely forked".</summary>
    private const long ForkedSeconds = 31557600;

    /// <summary>monerod's HardFork::DEFAULT_UPDATE_TIME: half a year after it an update is "needed".</summary>
    private const long UpdateSeconds = ForkedSeconds / 2;

    /// <summary>The genesis block's vote: its minor version 0 counts as a vote for version 1.</summary>
    private const byte GenesisVote = 1;

    /// <summary>The fork in force once the genesis block is in: the newest one whose height is at most 1.</summary>
    public static byte CurrentVersion(NodeNetwork network)
    {
        var forks = HardForkTable.For(network);
        var version = forks[0].Version;
        foreach (var fork in forks)
        {
            if (fork.Height <= 1)
            {
                version = fork.Version;
            }
        }

        return version;
    }

    /// <summary>The version the next fork brings (monerod's get_next_version at chain height 1).</summary>
    public static byte NextVersion(NodeNetwork network)
    {
        var forks = HardForkTable.For(network);
        for (var i = forks.Count - 1; i >= 0; i--)
        {
            if (forks[i].Height <= 1)
            {
                return i == forks.Count - 1 ? forks[i].Version : forks[i + 1].Version;
            }
        }

        return forks[0].Version;
    }

    /// <summary>The newest version monerod knows, the one it votes for.</summary>
    public static byte VotingVersion(NodeNetwork network) => HardForkTable.For(network)[^1].Version;

    /// <summary>The lowest height from which <paramref name="version"/> or newer is scheduled; u64 max for an unknown version.</summary>
    public static ulong EarliestHeight(NodeNetwork network, byte version)
    {
        var forks = HardForkTable.For(network);
        var height = ulong.MaxValue;
        for (var i = forks.Count - 1; i >= 0 && forks[i].Version >= version; i--)
        {
            height = forks[i].Height;
        }

        return height;
    }

    /// <summary>Votes in the window for <paramref name="version"/> or newer: the genesis block's, when it counts.</summary>
    public static uint Votes(byte version) => version <= GenesisVote ? 1u : 0u;

    /// <summary>Blocks in the voting window: the genesis block.</summary>
    public const uint Window = 1;

    /// <summary>(window × threshold% + 99) / 100 with the 0.18 thresholds, all 0.</summary>
    public const uint Threshold = 0;

    /// <summary>monerod's HardFork::State: 0 likely forked, 1 update needed, 2 ready.</summary>
    public static uint State(NodeNetwork network, long nowUnixSeconds)
    {
        var lastFork = HardForkTable.For(network)[^1].FinalisedUnixSeconds;
        if (nowUnixSeconds >= lastFork + ForkedSeconds)
        {
            return 0;
        }

        return nowUnixSeconds >= lastFork + UpdateSeconds ? 1u : 2u;
    }

    /// <summary>Seconds per block: 60 before version 2, 120 from it.</summary>
    public static ulong DifficultyTarget(NodeNetwork network) => CurrentVersion(network) < 2 ? 60UL : 120UL;

    /// <summary>The block weight median: the full-reward zone of the current version (with fewer blocks than the window).</summary>
    public static ulong BlockWeightMedian(NodeNetwork network) => CurrentVersion(network) switch
    {
        < 2 => 20_000,
        < 5 => 60_000,
        _ => 300_000,
    };

    /// <summary>A block may weigh twice the median.</summary>
    public static ulong BlockWeightLimit(NodeNetwork network) => 2 * BlockWeightMedian(network);

    /// <summary>The difficulty of the block after the genesis block: with fewer than two timestamps it is 1.</summary>
    public const ulong NextDifficulty = 1;

    /// <summary>Transactions besides coinbases: the genesis block has only its coinbase.</summary>
    public const ulong TransactionCount = 0;
}
