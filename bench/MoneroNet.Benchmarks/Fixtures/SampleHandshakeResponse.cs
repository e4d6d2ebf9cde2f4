using System.Net;
using MoneroNet.Wire;

namespace MoneroNet.Benchmarks.Fixtures;

/// <summary>
/// A COMMAND_HANDSHAKE response as a busy testnet node sends it: a full peer list of
/// <see cref="NetworkConstants.MaxPeersInHandshake"/> entries. Built from a fixed seed so every run measures the
/// same bytes.
/// </summary>
internal static class SampleHandshakeResponse
{
    private const int Seed = 1001;

    public static HandshakeResponse Create()
    {
        var random = new Random(Seed);
        var peers = new PeerlistEntry[NetworkConstants.MaxPeersInHandshake];
        for (int i = 0; i < peers.Length; i++)
            peers[i] = CreatePeer(random, i);

        byte[] topId = new byte[Hash32.Size];
        random.NextBytes(topId);

        return new HandshakeResponse
        {
            NodeData = new BasicNodeData
            {
                NetworkId = NetworkConstants.NetworkIdOf(NetworkType.Testnet),
                MyPort = NetworkConstants.DefaultP2PPort(NetworkType.Testnet),
                PeerId = NextUInt64(random),
                SupportFlags = NetworkConstants.SupportFlagFluffyBlocks,
            },
            PayloadData = new CoreSyncData
            {
                CurrentHeight = 2_841_337,
                CumulativeDifficulty = 0x0000_0f3a_91c2_77e1,
                TopId = new Hash32(topId),
                TopVersion = 16,
            },
            LocalPeerlistNew = peers,
        };
    }

    // Mix seen in real peer lists: mostly IPv4 on the default port, one in ten IPv6, some public RPC nodes
    // (rpc_port), some pruned nodes (pruning_seed 384..391 = stripes 1..8 of log2 3), last_seen zeroed by monerod.
    private static PeerlistEntry CreatePeer(Random random, int index)
    {
        ushort port = random.Next(4) == 0 ? (ushort)random.Next(1024, 65536) : NetworkConstants.DefaultP2PPort(NetworkType.Testnet);
        NetworkAddress address = index % 10 == 9
            ? NetworkAddress.FromIP(RandomIPv6(random), port)
            : NetworkAddress.FromIP(RandomIPv4(random), port);

        return new PeerlistEntry
        {
            Address = address,
            Id = NextUInt64(random),
            RpcPort = index % 5 == 0 ? NetworkConstants.DefaultRpcPort(NetworkType.Testnet) : (ushort)0,
            PruningSeed = index % 3 == 0 ? (uint)(384 + random.Next(8)) : 0,
            RpcCreditsPerHash = index % 25 == 0 ? 100u : 0u,
        };
    }

    private static IPAddress RandomIPv4(Random random)
    {
        Span<byte> octets = stackalloc byte[4];
        random.NextBytes(octets);
        octets[0] = (byte)(1 + octets[0] % 223); // unicast, not 0.x
        return new IPAddress(octets);
    }

    private static IPAddress RandomIPv6(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[0] = 0x2a; // global unicast 2a00::/8
        return new IPAddress(bytes);
    }

    private static ulong NextUInt64(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
}
