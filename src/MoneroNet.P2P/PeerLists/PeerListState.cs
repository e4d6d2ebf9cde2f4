namespace MoneroNet.P2P.PeerLists;

/// <summary>The three peer lists at one moment: what the state file holds.</summary>
internal sealed record PeerListState(IReadOnlyList<PeerListEntry> White, IReadOnlyList<PeerListEntry> Gray,
    IReadOnlyList<PeerListEntry> Anchor);
