using System.Collections.Frozen;
using System.Text;

namespace MoneroNet.Epee;

/// <summary>
/// One shared string per key of the Monero P2P messages, so that decoding does not allocate a new string for each
/// occurrence of the same few keys (a 250-peer handshake response holds 1,656 keys but only 21 distinct ones).
/// Keys not listed are decoded as before; the tree a caller gets is the same either way (strings are immutable).
/// </summary>
internal static class EpeeKnownKeys
{
    private static readonly FrozenSet<string> Keys = new[]
    {
        // Handshake / timed sync / ping / support flags (p2p_protocol_defs.h).
        "node_data", "payload_data", "local_peerlist_new",
        "network_id", "my_port", "rpc_port", "rpc_credits_per_hash", "peer_id", "support_flags",
        "current_height", "cumulative_difficulty", "cumulative_difficulty_top64", "top_id", "top_version", "pruning_seed",
        "adr", "id", "last_seen", "type", "addr", "m_ip", "m_port", "host", "port", "status",
        // Cryptonote notifications (cryptonote_protocol_defs.h) as the Wire layer reads them.
        "b", "block", "txs", "blob", "prunable_hash", "pruned", "block_weight", "current_blockchain_height",
        "_", "dandelionpp_fluff", "hashes", "block_ids", "prune",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Keys.GetAlternateLookup<ReadOnlySpan<char>>();

    // The longest listed key; a longer one cannot match, and this bounds the stack buffer.
    private static readonly int MaxLength = Keys.Max(k => k.Length);

    /// <summary>The key as a Latin-1 string (one char per byte): the shared instance when it is a known key.</summary>
    public static string GetString(ReadOnlySpan<byte> key)
    {
        if (key.Length <= MaxLength)
        {
            Span<char> chars = stackalloc char[MaxLength];
            int n = Encoding.Latin1.GetChars(key, chars);
            if (ByChars.TryGetValue(chars[..n], out string? known)) return known;
        }
        return Encoding.Latin1.GetString(key);
    }
}
