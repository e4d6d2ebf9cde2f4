namespace MoneroNet.Epee.Tests;

/// <summary>What the reader tolerates and what it refuses, matching the live probes of docs/PROTOCOL.md §1.1–1.4.</summary>
public class ReaderAcceptanceTests
{
    private static EpeeFormatException Rejected(byte[] payload)
    {
        Assert.False(EpeeStorage.TryRead(payload, EpeeLimits.Levin, out var section, out var error));
        Assert.Null(section);
        Assert.NotNull(error);
        Assert.Equal(error.Kind, Assert.Throws<EpeeFormatException>(() => EpeeStorage.Read(payload, EpeeLimits.Levin)).Kind);
        return error;
    }

    [Fact]
    public void Unsorted_keys_are_accepted_and_keep_their_order()
    {
        byte[] payload = RawPayload.WithHeader().Varint(2).U8Entry("zeta", 1).U8Entry("alpha", 2).ToArray();
        var root = EpeeStorage.Read(payload, EpeeLimits.Levin);
        Assert.Equal(new[] { "zeta", "alpha" }, root.Entries.Select(e => e.Key));
        // The writer restores epee's order.
        Assert.Equal(RawPayload.WithHeader().Varint(2).U8Entry("alpha", 2).U8Entry("zeta", 1).ToArray(), EpeeStorage.ToArray(root));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Non_minimal_varints_are_accepted(int width)
    {
        byte[] payload = RawPayload.WithHeader().Varint(1, width).Key("s").Tag(EpeeType.String).Varint(3, width).Bytes("abc"u8.ToArray()).ToArray();
        Assert.Equal("abc", EpeeStorage.Read(payload, EpeeLimits.Levin)["s"].AsUtf8String());
    }

    [Fact]
    public void Trailing_bytes_after_the_root_section_are_ignored()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).U8Entry("a", 7).Bytes(0xde, 0xad, 0xff).ToArray();
        Assert.Equal((byte)7, EpeeStorage.Read(payload, EpeeLimits.Levin)["a"].AsUInt8());
    }

    [Fact]
    public void Tag_13_wrapper_reads_as_a_plain_array()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("a").Tag(EpeeType.Array).ArrayTag(EpeeType.UInt32)
            .Varint(2).Bytes(1, 0, 0, 0, 2, 0, 0, 0).ToArray();
        var array = EpeeStorage.Read(payload, EpeeLimits.Levin)["a"].AsArray();
        Assert.Equal(EpeeType.UInt32, array.ElementType);
        Assert.Equal(new uint[] { 1, 2 }, array.Items.Select(v => v.AsUInt32()));
    }

    [Fact]
    public void Tag_13_without_an_array_tag_is_refused()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("a").Tag(EpeeType.Array).Tag(EpeeType.UInt32).Bytes(1, 0, 0, 0).ToArray();
        var e = Rejected(payload);
        Assert.Equal(EpeeError.BadArrayWrapper, e.Kind);
        Assert.Equal(13, e.Offset);
    }

    [Fact]
    public void Key_of_255_bytes_is_accepted()
    {
        string key = new('k', 255);
        byte[] payload = RawPayload.WithHeader().Varint(1).U8Entry(key, 1).ToArray();
        Assert.True(EpeeStorage.Read(payload, EpeeLimits.Levin).ContainsKey(key));
    }

    [Fact]
    public void Keys_are_raw_bytes()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Bytes(2, 0xff, 0x00).Tag(EpeeType.UInt8).Bytes(5).ToArray();
        var root = EpeeStorage.Read(payload, EpeeLimits.Levin);
        Assert.Equal("\u00ff\u0000", root.Entries[0].Key);
        Assert.Equal(payload, EpeeStorage.ToArray(root));
    }

    [Fact]
    public void Empty_array_of_arrays_is_accepted_and_round_trips()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(EpeeType.Array).Varint(0).ToArray();
        var root = EpeeStorage.Read(payload, EpeeLimits.Levin);
        Assert.Equal(EpeeType.Array, root["a"].AsArray().ElementType);
        Assert.Equal(payload, EpeeStorage.ToArray(root));
    }

    [Fact]
    public void Non_empty_array_of_arrays_is_refused()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(EpeeType.Array).Varint(1)
            .ArrayTag(EpeeType.UInt8).Varint(0).ToArray();
        Assert.Equal(EpeeError.ArrayOfArrays, Rejected(payload).Kind);
    }

    [Fact]
    public void Duplicate_key_is_refused_at_the_second_key()
    {
        var raw = RawPayload.WithHeader().Varint(2).U8Entry("a", 1);
        int second = raw.Length;
        byte[] payload = raw.U8Entry("a", 2).ToArray();
        var e = Rejected(payload);
        Assert.Equal(EpeeError.DuplicateKey, e.Kind);
        Assert.Equal(second, e.Offset);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0xff)]
    public void Bool_other_than_0_or_1_is_refused(byte value)
    {
        var raw = RawPayload.WithHeader().Varint(1).Key("b").Tag(EpeeType.Bool);
        int at = raw.Length;
        var e = Rejected(raw.Bytes(value).ToArray());
        Assert.Equal(EpeeError.BadBool, e.Kind);
        Assert.Equal(at, e.Offset);
    }

    [Fact]
    public void Bad_bool_inside_an_array_is_refused()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("b").ArrayTag(EpeeType.Bool).Varint(2).Bytes(1, 2).ToArray();
        Assert.Equal(EpeeError.BadBool, Rejected(payload).Kind);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(0)]
    [InlineData(0x80)]
    [InlineData(0x8e)]
    [InlineData(0xff)]
    public void Unknown_type_tag_is_refused(byte tag)
    {
        var raw = RawPayload.WithHeader().Varint(1).Key("x");
        int at = raw.Length;
        var e = Rejected(raw.Bytes(tag, 0, 0, 0, 0).ToArray());
        Assert.Equal(EpeeError.UnknownType, e.Kind);
        Assert.Equal(at, e.Offset);
    }

    [Fact]
    public void Version_2_is_refused()
    {
        byte[] payload = RawPayload.WithHeader().Varint(0).ToArray();
        payload[8] = 2;
        var e = Rejected(payload);
        Assert.Equal(EpeeError.BadVersion, e.Kind);
        Assert.Equal(8, e.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Wrong_signature_is_refused(int index)
    {
        byte[] payload = RawPayload.WithHeader().Varint(0).ToArray();
        payload[index] ^= 0x40;
        Assert.Equal(EpeeError.BadSignature, Rejected(payload).Kind);
    }

    [Fact]
    public void Empty_key_is_refused()
    {
        var raw = RawPayload.WithHeader().Varint(1);
        int at = raw.Length;
        var e = Rejected(raw.Bytes(0).Tag(EpeeType.UInt8).Bytes(1).ToArray());
        Assert.Equal(EpeeError.EmptyKey, e.Kind);
        Assert.Equal(at, e.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(9)] // header only: epee needs at least the root count
    public void Too_short_payload_is_truncated(int length)
    {
        byte[] payload = RawPayload.WithHeader().Varint(0).ToArray()[..length];
        Assert.Equal(EpeeError.Truncated, Rejected(payload).Kind);
    }

    [Fact]
    public void String_longer_than_the_rest_is_truncated()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("s").Tag(EpeeType.String).Varint(10).Bytes(1, 2, 3).ToArray();
        Assert.Equal(EpeeError.Truncated, Rejected(payload).Kind);
    }

    [Theory]
    [InlineData(2_000_000_000UL)]
    [InlineData(EpeeVarint.MaxValue)]
    public void String_length_of_two_billion_or_more_is_refused(ulong length)
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("s").Tag(EpeeType.String).Varint(length).Bytes(1, 2, 3).ToArray();
        Assert.Equal(EpeeError.StringTooLong, Rejected(payload).Kind);
    }

    [Theory]
    [InlineData(EpeeType.UInt64, 8)]
    [InlineData(EpeeType.Double, 8)]
    [InlineData(EpeeType.Int32, 4)]
    [InlineData(EpeeType.UInt16, 2)]
    [InlineData(EpeeType.Int8, 1)]
    [InlineData(EpeeType.Bool, 1)]
    [InlineData(EpeeType.String, 2)]
    [InlineData(EpeeType.Object, 1)]
    public void Array_count_is_checked_against_the_remaining_bytes(EpeeType element, int minSize)
    {
        // Fill with zero bytes: valid for every element type (0, false, empty string, empty object).
        const int room = 40;
        var fits = RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(element).Varint((ulong)(room / minSize)).Repeat(0, room).ToArray();
        var over = RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(element).Varint((ulong)(room / minSize + 1)).Repeat(0, room).ToArray();

        // "fits" passes the sanity check; it may still fail later (e.g. strings need 1 byte each, not 2).
        Assert.True(EpeeStorage.TryRead(fits, EpeeLimits.Levin, out _, out var error) || error!.Kind != EpeeError.CountSanity);
        Assert.Equal(EpeeError.CountSanity, Rejected(over).Kind);
    }

    [Fact]
    public void Strings_are_copied_out_of_the_input()
    {
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("s").Tag(EpeeType.String).Varint(3).Bytes(1, 2, 3).ToArray();
        var root = EpeeStorage.Read(payload, EpeeLimits.Levin);
        Array.Clear(payload);
        Assert.Equal(new byte[] { 1, 2, 3 }, root["s"].AsBytes());
    }

    [Fact]
    public void Multi_segment_sequence_reads_like_a_span()
    {
        byte[] body = TestVectors.Body("p2p_testnet/handshake_request.hex");
        var sequence = SegmentedSequence.SplitEvery(body, 7);
        Assert.False(sequence.IsSingleSegment);
        Assert.Equal(EpeeStorage.Read(body, EpeeLimits.Levin), EpeeStorage.Read(sequence, EpeeLimits.Levin));
        Assert.True(EpeeStorage.TryRead(new System.Buffers.ReadOnlySequence<byte>(body), EpeeLimits.Levin, out var s, out _));
        Assert.Equal(2, s!.Count);
        Assert.False(EpeeStorage.TryRead(SegmentedSequence.SplitEvery(body[..100], 7), EpeeLimits.Levin, out _, out var error));
        Assert.Equal(EpeeError.Truncated, error!.Kind);
    }
}
