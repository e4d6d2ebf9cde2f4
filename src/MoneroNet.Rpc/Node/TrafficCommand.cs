namespace MoneroNet.Rpc.Node;

/// <summary>
/// The keys of the per-command traffic counters (extended <c>get_connections</c>, <c>get_connection_stats</c>,
/// <c>/metrics</c>), in the order they are reported: one for each Levin command a node of 0.18 speaks, and
/// <see cref="Other"/> for everything else (unknown commands, noise, fragments, bytes that never parsed).
/// </summary>
public enum TrafficCommand
{
    Handshake,
    TimedSync,
    Ping,
    SupportFlags,
    NewBlock,
    NewTransactions,
    RequestGetObjects,
    ResponseGetObjects,
    RequestChain,
    ResponseChainEntry,
    NewFluffyBlock,
    RequestFluffyMissingTx,
    GetTxpoolComplement,
    Other,
}

/// <summary>The reported names of <see cref="TrafficCommand"/> values.</summary>
public static class TrafficCommands
{
    /// <summary>How many keys there are; arrays of counters are this long, indexed by <see cref="TrafficCommand"/>.</summary>
    public const int Count = (int)TrafficCommand.Other + 1;

    private static readonly string[] Names =
    [
        "handshake", "timed_sync", "ping", "support_flags", "new_block", "new_transactions", "request_get_objects",
        "response_get_objects", "request_chain", "response_chain_entry", "new_fluffy_block", "request_fluffy_missing_tx",
        "get_txpool_complement", "other",
    ];

    /// <summary>The key as it appears in JSON and metric labels, e.g. "timed_sync".</summary>
    public static string NameOf(TrafficCommand command) => Names[(int)command];
}
