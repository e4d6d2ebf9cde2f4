namespace MoneroNet.Wire;

/// <summary>
/// <c>tx_blob_entry</c>: a transaction blob and, for pruned entries, the hash of its prunable part
/// (<see cref="Hash32.Zero"/> when not pruned).
/// </summary>
public sealed record TxBlobEntry(byte[] Blob, Hash32 PrunableHash);
