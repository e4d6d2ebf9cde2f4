using MoneroNet.Wire;

namespace MoneroNet.P2P.Stats;

/// <summary>
/// The Levin commands traffic is counted by, in the order they are reported (the RPC's TrafficCommand mirrors this
/// order one for one): the 13 commands a 0.18 node speaks, and <see cref="Other"/> for everything else — unknown
/// command ids, fragment and dummy packets, bytes that never formed a packet.
/// </summary>
public enum CommandKind
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

/// <summary>Maps a Levin command id to its <see cref="CommandKind"/>; allocation-free.</summary>
public static class CommandKinds
{
    /// <summary>How many kinds there are (counter arrays are this long).</summary>
    public const int Count = (int)CommandKind.Other + 1;

    public static CommandKind Of(uint command) => command switch
    {
        P2PCommands.Handshake => CommandKind.Handshake,
        P2PCommands.TimedSync => CommandKind.TimedSync,
        P2PCommands.Ping => CommandKind.Ping,
        P2PCommands.RequestSupportFlags => CommandKind.SupportFlags,
        CryptonoteCommands.NewBlock => CommandKind.NewBlock,
        CryptonoteCommands.NewTransactions => CommandKind.NewTransactions,
        CryptonoteCommands.RequestGetObjects => CommandKind.RequestGetObjects,
        CryptonoteCommands.ResponseGetObjects => CommandKind.ResponseGetObjects,
        CryptonoteCommands.RequestChain => CommandKind.RequestChain,
        CryptonoteCommands.ResponseChainEntry => CommandKind.ResponseChainEntry,
        CryptonoteCommands.NewFluffyBlock => CommandKind.NewFluffyBlock,
        CryptonoteCommands.RequestFluffyMissingTx => CommandKind.RequestFluffyMissingTx,
        CryptonoteCommands.GetTxPoolComplement => CommandKind.GetTxpoolComplement,
        _ => CommandKind.Other,
    };
}
