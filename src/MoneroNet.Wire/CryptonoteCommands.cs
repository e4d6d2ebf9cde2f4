namespace MoneroNet.Wire;

/// <summary>Ids of the cryptonote protocol notifications, <c>BC_COMMANDS_POOL_BASE</c> (2000) + n (docs/PROTOCOL.md §5).</summary>
public static class CryptonoteCommands
{
    public const uint NewBlock = 2001;
    public const uint NewTransactions = 2002;
    public const uint RequestGetObjects = 2003;
    public const uint ResponseGetObjects = 2004;
    // 2005 is unused by monerod.
    public const uint RequestChain = 2006;
    public const uint ResponseChainEntry = 2007;
    public const uint NewFluffyBlock = 2008;
    public const uint RequestFluffyMissingTx = 2009;
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
