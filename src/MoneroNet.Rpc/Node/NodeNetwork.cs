namespace MoneroNet.Rpc.Node;

/// <summary>The network the node runs on, as <c>get_info</c> names it (<c>--regtest</c> is monerod's "fakechain").</summary>
public enum NodeNetwork
{
    Mainnet,
    Testnet,
    Stagenet,
    Fakechain,
}
