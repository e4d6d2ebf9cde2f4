namespace MoneroNet.Wire;

/// <summary>Per-network constants of monerod 0.18 (docs/PROTOCOL.md §3.2).</summary>
public static class NetworkConstants
{
    private static readonly NetworkId MainnetId = NetworkId.Parse("1230f171610441611731008216a1a110");
    private static readonly NetworkId TestnetId = NetworkId.Parse("1230f171610441611731008216a1a111");
    private static readonly NetworkId StagenetId = NetworkId.Parse("1230f171610441611731008216a1a112");

    private static readonly Hash32 MainnetGenesis = Hash32.Parse("418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3");
    private static readonly Hash32 TestnetGenesis = Hash32.Parse("48ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b");
    private static readonly Hash32 StagenetGenesis = Hash32.Parse("76ee3cc98646292206cd3e86f74d88b4dcc1d937088645e9b0cbca84b7ce74eb");

    /// <summary>The 16-byte <c>network_id</c> advertised in <c>node_data</c>.</summary>
    public static NetworkId NetworkIdOf(NetworkType network) => network switch
    {
        NetworkType.Mainnet or NetworkType.Regtest => MainnetId,
        NetworkType.Testnet => TestnetId,
        NetworkType.Stagenet => StagenetId,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    /// <summary>Hash of the block at height 0.</summary>
    public static Hash32 GenesisHashOf(NetworkType network) => network switch
    {
        NetworkType.Mainnet or NetworkType.Regtest => MainnetGenesis,
        NetworkType.Testnet => TestnetGenesis,
        NetworkType.Stagenet => StagenetGenesis,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    /// <summary>monerod's default P2P port on <paramref name="network"/> (--p2p-bind-port).</summary>
    public static ushort DefaultP2PPort(NetworkType network) => network switch
    {
        NetworkType.Mainnet or NetworkType.Regtest => 18080,
        NetworkType.Testnet => 28080,
        NetworkType.Stagenet => 38080,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    /// <summary>monerod's default RPC port on <paramref name="network"/> (--rpc-bind-port).</summary>
    public static ushort DefaultRpcPort(NetworkType network) => network switch
    {
        NetworkType.Mainnet or NetworkType.Regtest => 18081,
        NetworkType.Testnet => 28081,
        NetworkType.Stagenet => 38081,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    /// <summary>
    /// The network whose id this is; <see cref="NetworkType.Mainnet"/> for the mainnet id (regtest cannot be told
    /// apart on the wire). Null for an unknown id.
    /// </summary>
    public static NetworkType? NetworkOf(NetworkId id) =>
        id == MainnetId ? NetworkType.Mainnet
        : id == TestnetId ? NetworkType.Testnet
        : id == StagenetId ? NetworkType.Stagenet
        : null;

    /// <summary><c>P2P_SUPPORT_FLAG_FLUFFY_BLOCKS</c>, the only support flag defined; monerod advertises it.</summary>
    public const uint SupportFlagFluffyBlocks = 1;

    /// <summary><c>P2P_DEFAULT_PEERS_IN_HANDSHAKE</c> / <c>P2P_MAX_PEERS_IN_HANDSHAKE</c>: most peers sent or accepted in one list.</summary>
    public const int MaxPeersInHandshake = 250;

    /// <summary>The <c>status</c> text of a successful ping response.</summary>
    public const string PingOkStatus = "OK";
}
