namespace MoneroNet.Wire;

/// <summary>The Monero network a node belongs to (selects network id, genesis block and default ports).</summary>
public enum NetworkType
{
    Mainnet,
    Testnet,
    Stagenet,
    /// <summary>
    /// monerod's <c>--regtest</c> (fakechain). The P2P layer derives its id only from --testnet/--stagenet,
    /// so a regtest node advertises the mainnet network id and genesis.
    /// </summary>
    Regtest,
}
