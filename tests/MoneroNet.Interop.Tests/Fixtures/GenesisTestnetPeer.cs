using System.Net;
using System.Net.Sockets;
using MoneroNet.Wire;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// What the raw test peers (<see cref="RawHandshakePeer"/> and the scale test's answering peer) have in common: a
/// loopback-only TCP connection from a chosen source address, and the handshake of an empty testnet node that knows
/// only the genesis block and has no port to back-ping.
/// </summary>
public static class GenesisTestnetPeer
{
    /// <summary>Connects to <paramref name="node"/> from <paramref name="source"/> (any port); both must be loopback.</summary>
    public static async Task<Socket> ConnectAsync(IPAddress source, IPEndPoint node, CancellationToken ct)
    {
        LoopbackGuard.RequireLoopback(source, "source address");
        LoopbackGuard.RequireLoopback(node.Address, "node address");
        var socket = new Socket(node.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(node, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The chain state of a node that has only the testnet genesis block.</summary>
    public static CoreSyncData SyncData() => new()
    {
        CurrentHeight = 1,
        CumulativeDifficulty = 1,
        TopId = NetworkConstants.GenesisHashOf(NetworkType.Testnet),
        TopVersion = 1,
    };

    /// <summary>A valid testnet handshake request from such a node with id <paramref name="peerId"/>.</summary>
    public static HandshakeRequest HandshakeRequest(ulong peerId, CoreSyncData syncData) => new()
    {
        NodeData = new BasicNodeData
        {
            NetworkId = NetworkConstants.NetworkIdOf(NetworkType.Testnet),
            PeerId = peerId,
            MyPort = 0, // nothing to back-ping
            SupportFlags = NetworkConstants.SupportFlagFluffyBlocks,
        },
        PayloadData = syncData,
    };
}
