using MoneroNet.Wire;

namespace MoneroNet.P2P.Stats;

/// <summary>
/// The Levin commands traffic is counted by, in the order they are reported (the RPC's TrafficCommand mirrors this
/// order one for one): the 13 commands a 0.18 node speaks, and <see cref="Other"/> for everything else — unknown
/// command ids, fragment and dummy packets, bytes that never formed a packet.
/// </summary>
public enum CommandKind
{
    /// <summary>Command 1001.</summary>
    Handshake,
    /// <summary>Command 1002.</summary>
    TimedSync,
    /// <summary>Command 1003.</summary>
    Ping,
    /// <summary>Command 1007.</summary>
    SupportFlags,
    /// <summary>Command 2001.</summary>
    NewBlock,
    /// <summary>Command 2002.</summary>
    NewTransactions,
    /// <summary>Command 2003.</summary>
    RequestGetObjects,
    /// <summary>Command 2004.</summary>
    ResponseGetObjects,
    /// <summary>Command 2006.</summary>
    RequestChain,
    /// <summary>Command 2007.</summary>
    ResponseChainEntry,
    /// <summary>Command 2008.</summary>
    NewFluffyBlock,
    /// <summary>Command 2009.</summary>
    RequestFluffyMissingTx,
    /// <summary>Command 2010.</summary>
    GetTxpoolComplement,
    /// <summary>Any other command number.</summary>
    Other,
}

/// <summary>Maps a Levin command id to its <see cref="CommandKind"/>; allocation-free.</summary>
public static class CommandKinds
{
    /// <summary>How many kinds there are (counter arrays are this long).</summary>
    public const int Count = (int)CommandKind.Other + 1;

    /// <summary>The kind of <paramref name="command"/>.</summary>
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
