namespace MoneroNet.Wire;

/// <summary>Ids of the cryptonote protocol notifications, <c>BC_COMMANDS_POOL_BASE</c> (2000) + n (docs/PROTOCOL.md §5).</summary>
public static class CryptonoteCommands
{
    /// <summary>NOTIFY_NEW_BLOCK: a whole block with its transactions (monerod sends fluffy blocks instead).</summary>
    public const uint NewBlock = 2001;
    /// <summary>NOTIFY_NEW_TRANSACTIONS: transactions relayed (or, with padding, white noise).</summary>
    public const uint NewTransactions = 2002;
    /// <summary>NOTIFY_REQUEST_GET_OBJECTS: asks for blocks by hash (block sync).</summary>
    public const uint RequestGetObjects = 2003;
    /// <summary>NOTIFY_RESPONSE_GET_OBJECTS: the blocks asked for.</summary>
    public const uint ResponseGetObjects = 2004;
    // 2005 is unused by monerod.
    /// <summary>NOTIFY_REQUEST_CHAIN: a sparse chain of block ids, asking where the peer's chain continues.</summary>
    public const uint RequestChain = 2006;
    /// <summary>NOTIFY_RESPONSE_CHAIN_ENTRY: the block ids that follow.</summary>
    public const uint ResponseChainEntry = 2007;
    /// <summary>NOTIFY_NEW_FLUFFY_BLOCK: a new block with only the transactions the receiver may lack.</summary>
    public const uint NewFluffyBlock = 2008;
    /// <summary>NOTIFY_REQUEST_FLUFFY_MISSING_TX: asks for the transactions of a fluffy block it lacked.</summary>
    public const uint RequestFluffyMissingTx = 2009;
    /// <summary>NOTIFY_GET_TXPOOL_COMPLEMENT: asks for the pool transactions not in a given list.</summary>
    public const uint GetTxPoolComplement = 2010;

    /// <summary>monerod's name of a notification id, or null when the id is not one.</summary>
    public static string? NameOf(uint command) => command switch
    {
        NewBlock => "NOTIFY_NEW_BLOCK",
        NewTransactions => "NOTIFY_NEW_TRANSACTIONS",
        RequestGetObjects => "NOTIFY_REQUEST_GET_OBJECTS",
        ResponseGetObjects => "NOTIFY_RESPONSE_GET_OBJECTS",
        RequestChain => "NOTIFY_REQUEST_CHAIN",
        ResponseChainEntry => "NOTIFY_RESPONSE_CHAIN_ENTRY",
        NewFluffyBlock => "NOTIFY_NEW_FLUFFY_BLOCK",
        RequestFluffyMissingTx => "NOTIFY_REQUEST_FLUFFY_MISSING_TX",
        GetTxPoolComplement => "NOTIFY_GET_TXPOOL_COMPLEMENT",
        _ => null,
    };
}
