using System.Security.Cryptography;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// Who we are on the network: a random non-zero peer id chosen at every start (as monerod's init_config), the
/// network id, the port we advertise, support flags, and the chain we claim — MoneroNet keeps no blockchain, so it
/// always advertises only the genesis block (height 1, cumulative difficulty 1, top version 1), exactly what a
/// fresh monerod sends. monerod then marks us `normal` and never asks us for blocks.
/// </summary>
public sealed class LocalIdentity
{
    /// <summary>Our identity on <paramref name="network"/>, with <paramref name="peerId"/> or a random one.</summary>
    public LocalIdentity(NetworkType network, ulong? peerId = null)
    {
        Network = network;
        NetworkId = NetworkConstants.NetworkIdOf(network);
        PeerId = peerId ?? RandomPeerId();
        SyncData = new CoreSyncData
        {
            CurrentHeight = 1,
            CumulativeDifficulty = 1,
            CumulativeDifficultyTop64 = 0,
            TopId = NetworkConstants.GenesisHashOf(network),
            TopVersion = 1,
        };
    }

    /// <summary>The network we are on.</summary>
    public NetworkType Network { get; }
    /// <summary>Its network id (in every handshake).</summary>
    public NetworkId NetworkId { get; }
    /// <summary>Our peer id, random per start unless given.</summary>
    public ulong PeerId { get; }
    /// <summary>The chain we claim: height 1 at the network's genesis block (docs/PROTOCOL.md §3.2).</summary>
    public CoreSyncData SyncData { get; }

    /// <summary>The port we advertise in node_data (0 with --hide-my-port); set once the listener is bound.</summary>
    public uint MyPort { get; set; }

    /// <summary>
    /// The restricted RPC port advertised with --public-node (node_data.rpc_port; 0 = none, left off the wire). Set by
    /// the host; read by every handshake and timed sync.
    /// </summary>
    public ushort RpcPort
    {
        get => (ushort)Volatile.Read(ref _rpcPort);
        set => Volatile.Write(ref _rpcPort, value);
    }

    private int _rpcPort;

    /// <summary>The node_data we send: network id, peer id, my_port, support flags.</summary>
    public BasicNodeData NodeData => new()
    {
        NetworkId = NetworkId,
        PeerId = PeerId,
        MyPort = MyPort,
        RpcPort = RpcPort,
        SupportFlags = NetworkConstants.SupportFlagFluffyBlocks,
    };

    private static ulong RandomPeerId()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BitConverter.ToUInt64(bytes);
        } while (id == 0); // 0 means "not handshaked" to monerod
        return id;
    }
}
