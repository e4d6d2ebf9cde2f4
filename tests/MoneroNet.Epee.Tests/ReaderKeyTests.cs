namespace MoneroNet.Epee.Tests;

/// <summary>
/// Keys decode to exactly their bytes (Latin-1, one char per byte) whether or not they are among the protocol keys
/// the reader shares instances of; the sharing itself is visible only as reference identity.
/// </summary>
public class ReaderKeyTests
{
    private static string[] KeysOf(params string[] keys)
    {
        var payload = RawPayload.WithHeader().Varint((ulong)keys.Length);
        byte value = 0;
        foreach (string key in keys) payload.U8Entry(key, value++);
        return EpeeStorage.Read(payload.ToArray(), EpeeLimits.Levin).Entries.Select(e => e.Key).ToArray();
    }

    [Fact]
    public void Protocol_keys_near_misses_and_unknown_keys_decode_to_their_bytes()
    {
        string[] keys =
        [
            "m_port", "m_por", "m_portx", "M_PORT", "cumulative_difficulty_top64", "cumulative_difficulty_top640",
            "_", "b", "zz", "m_p\u00e9rt", "x\u00ff\u0080\u0001",
        ];
        Assert.Equal(keys, KeysOf(keys));
    }

    [Fact]
    public void A_long_unknown_key_decodes_to_its_bytes()
    {
        string key = new('k', 255);
        Assert.Equal(key, Assert.Single(KeysOf(key)));
    }

    [Fact]
    public void A_protocol_key_is_one_shared_instance_across_reads()
    {
        string first = KeysOf("m_port")[0];
        string second = KeysOf("m_port")[0];
        Assert.Same(first, second);
    }
}
