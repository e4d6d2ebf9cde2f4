namespace MoneroNet.Rpc;

/// <summary>
/// What the RPC layer may ask of the running node. The host implements it over the P2P layer; the RPC layer
/// references no other MoneroNet project so that it can be tested with a fake.
/// </summary>
public interface INodeQuery
{
    /// <summary>A snapshot of every open P2P connection of every zone, including ones still before the handshake.</summary>
    IReadOnlyList<ConnectionSnapshot> GetConnections();
}
