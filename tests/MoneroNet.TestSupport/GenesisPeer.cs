using System.Net;
using System.Net.Sockets;
using MoneroNet.Wire;

namespace MoneroNet.TestSupport;

/// <summary>
/// What the raw test and load-test peers have in common: a loopback-only TCP connection from a chosen source address,
/// and the handshake of an empty node that knows only its network's genesis block and has no port to back-ping.
/// </summary>
public static class GenesisPeer
{
    /// <summary>Connects to <paramref name="node"/> from <paramref name="source"/> (any port); both must be loopback.</summary>
    public static async Task<Socket> ConnectAsync(IPAddress source, IPEndPoint node, CancellationToken ct)
    {
        RequireLoopback(source, "source address");
        RequireLoopback(node.Address, "node address");
        var socket = new Socket(node.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(node, ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The chain state of a node that has only the genesis block of <paramref name="network"/>.</summary>
    public static CoreSyncData SyncData(NetworkType network) => new()
    {
        CurrentHeight = 1,
        CumulativeDifficulty = 1,
        TopId = NetworkConstants.GenesisHashOf(network),
        TopVersion = 1,
    };

    /// <summary>A valid handshake request on <paramref name="network"/> from such a node with id <paramref name="peerId"/>.</summary>
    public static HandshakeRequest HandshakeRequest(NetworkType network, ulong peerId, CoreSyncData syncData) => new()
    {
        NodeData = new BasicNodeData
        {
            NetworkId = NetworkConstants.NetworkIdOf(network),
            PeerId = peerId,
            MyPort = 0, // nothing to back-ping
            SupportFlags = NetworkConstants.SupportFlagFluffyBlocks,
        },
        PayloadData = syncData,
    };

    private static void RequireLoopback(IPAddress address, string what)
    {
        if (!IPAddress.IsLoopback(address))
            throw new ArgumentException($"{what} {address} is not a loopback address; test peers may only use 127.0.0.0/8 or [::1]");
    }
}
