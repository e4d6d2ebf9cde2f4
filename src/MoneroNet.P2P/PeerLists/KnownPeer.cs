using MoneroNet.Wire;

namespace MoneroNet.P2P.PeerLists;

/// <summary>
/// One known peer (monerod's peerlist_entry): where it listens, its peer id, when we last saw it (unix seconds; for
/// an anchor entry, when it was first seen), its pruning seed and the RPC port/credits it advertised.
/// </summary>
public sealed record KnownPeer(NetworkAddress Address, ulong PeerId, long LastSeenUnixSeconds, uint PruningSeed,
    ushort RpcPort, uint RpcCreditsPerHash)
{
    internal PeerlistEntry ToWire(bool zeroLastSeen) => new()
    {
        Address = Address,
        Id = PeerId,
        LastSeen = zeroLastSeen ? 0 : LastSeenUnixSeconds,
        PruningSeed = PruningSeed,
        RpcPort = RpcPort,
        RpcCreditsPerHash = RpcCreditsPerHash,
    };

    internal static KnownPeer FromWire(PeerlistEntry e) =>
        new(e.Address, e.Id, e.LastSeen, e.PruningSeed, e.RpcPort, e.RpcCreditsPerHash);
}
