namespace MoneroNet.Rpc.Node;

/// <summary>The white list (peers we connected to) and the gray list (peers we only heard of).</summary>
public sealed record PeerListsSnapshot(IReadOnlyList<PeerListEntrySnapshot> White, IReadOnlyList<PeerListEntrySnapshot> Gray)
{
    public static readonly PeerListsSnapshot Empty = new([], []);
}
