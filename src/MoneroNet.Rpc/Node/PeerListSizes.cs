namespace MoneroNet.Rpc.Node;

/// <summary>How many entries the white and gray peer lists hold (public zone), as get_info reports them.</summary>
public readonly record struct PeerListSizes(ulong White, ulong Gray);
