namespace MoneroNet.P2P.Protocol;

/// <summary>
/// Reads a block's height from its blob without parsing the block: the height is the only input of the miner
/// (coinbase) transaction. Layout read: block header (major and minor version varints, timestamp varint, previous id
/// 32 bytes, nonce 4 bytes), then the miner tx's version varint, unlock_time varint, input count varint, and the first
/// input's tag 0xff (txin_gen) followed by the height varint. Bounded: it reads at most a few dozen bytes, allocates
/// nothing and never throws — anything that does not look like that is simply "no height".
/// </summary>
internal static class BlockHeightReader
{
    private const byte TxinGenTag = 0xff;
    private const int PrevIdBytes = 32;
    private const int NonceBytes = 4;
    /// <summary>A u64 needs at most 10 bytes of 7 bits.</summary>
    private const int MaxVarintBytes = 10;

    public static bool TryRead(ReadOnlySpan<byte> blob, out ulong height)
    {
        height = 0;
        int pos = 0;
        // Block header.
        if (!TryVarint(blob, ref pos, out _) || !TryVarint(blob, ref pos, out _) || !TryVarint(blob, ref pos, out _)) return false;
        if (!TrySkip(blob, ref pos, PrevIdBytes + NonceBytes)) return false;
        // Miner tx prefix.
        if (!TryVarint(blob, ref pos, out _) || !TryVarint(blob, ref pos, out _)) return false;
        if (!TryVarint(blob, ref pos, out ulong inputs) || inputs == 0) return false;
        if (pos >= blob.Length || blob[pos++] != TxinGenTag) return false;
        return TryVarint(blob, ref pos, out height);
    }

    private static bool TrySkip(ReadOnlySpan<byte> blob, ref int pos, int count)
    {
        if (blob.Length - pos < count) return false;
        pos += count;
        return true;
    }

    /// <summary>Monero's varint (7 bits a byte, low group first); refuses overflow and non-canonical zero tails.</summary>
    private static bool TryVarint(ReadOnlySpan<byte> blob, ref int pos, out ulong value)
    {
        value = 0;
        for (int i = 0; i < MaxVarintBytes; i++)
        {
            if (pos >= blob.Length) return false;
            byte b = blob[pos++];
            int shift = 7 * i;
            ulong group = (ulong)(b & 0x7f);
            // The tenth byte may only carry the top bit of a u64.
            if (i == MaxVarintBytes - 1 && group > 1) return false;
            if (i > 0 && b == 0) return false; // a trailing zero group: not the canonical encoding
            value |= group << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }
}
