namespace MoneroNet.Wire;

/// <summary>The Monero network a node belongs to (selects network id, genesis block and default ports).</summary>
public enum NetworkType
{
    /// <summary>The main network (P2P port 18080).</summary>
    Mainnet,
    /// <summary>The test network (--testnet, P2P port 28080).</summary>
    Testnet,
    /// <summary>The staging network (--stagenet, P2P port 38080).</summary>
    Stagenet,
    /// <summary>
    /// monerod's <c>--regtest</c> (fakechain). The P2P layer derives its id only from --testnet/--stagenet,
    /// so a regtest node advertises the mainnet network id and genesis.
    /// </summary>
    Regtest,
}
