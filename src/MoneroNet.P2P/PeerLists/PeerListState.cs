namespace MoneroNet.P2P.PeerLists;

/// <summary>The three peer lists at one moment: what the state file holds.</summary>
internal sealed record PeerListState(IReadOnlyList<KnownPeer> White, IReadOnlyList<KnownPeer> Gray,
    IReadOnlyList<KnownPeer> Anchor);
