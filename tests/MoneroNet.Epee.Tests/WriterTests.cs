using System.Buffers;

namespace MoneroNet.Epee.Tests;

public class WriterTests
{
    [Fact]
    public void Empty_root_is_header_and_zero_count()
    {
        Assert.Equal("011101010101020101" + "00", Convert.ToHexStringLower(EpeeStorage.ToArray(new EpeeSection())));
    }

    [Fact]
    public void Keys_are_sorted_bytewise()
    {
        var root = new EpeeSection();
        foreach (string key in new[] { "top_version", "cumulative_difficulty_top64", "top_id", "current_height", "cumulative_difficulty", "Z", "\u00e9" })
            root.Add(key, EpeeValue.FromUInt8(0));
        var back = EpeeStorage.Read(EpeeStorage.ToArray(root), EpeeLimits.Levin);
        Assert.Equal(
            new[] { "Z", "cumulative_difficulty", "cumulative_difficulty_top64", "current_height", "top_id", "top_version", "\u00e9" },
            back.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Each_value_keeps_its_tag_and_width()
    {
        var root = new EpeeSection();
        root.Add("a", EpeeValue.FromInt64(-2));
        root.Add("b", EpeeValue.FromInt32(-3));
        root.Add("c", EpeeValue.FromInt16(-4));
        root.Add("d", EpeeValue.FromInt8(-5));
        root.Add("e", EpeeValue.FromUInt64(ulong.MaxValue));
        root.Add("f", EpeeValue.FromUInt32(6));
        root.Add("g", EpeeValue.FromUInt16(7));
        root.Add("h", EpeeValue.FromUInt8(8));
        root.Add("i", EpeeValue.FromDouble(1.5));
        root.Add("j", EpeeValue.FromBool(true));
        root.Add("k", EpeeValue.FromString("hi"));
        var expected = RawPayload.WithHeader().Varint(11)
            .Key("a").Tag(EpeeType.Int64).Bytes(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
            .Key("b").Tag(EpeeType.Int32).Bytes(0xfd, 0xff, 0xff, 0xff)
            .Key("c").Tag(EpeeType.Int16).Bytes(0xfc, 0xff)
            .Key("d").Tag(EpeeType.Int8).Bytes(0xfb)
            .Key("e").Tag(EpeeType.UInt64).Repeat(0xff, 8)
            .Key("f").Tag(EpeeType.UInt32).Bytes(6, 0, 0, 0)
            .Key("g").Tag(EpeeType.UInt16).Bytes(7, 0)
            .Key("h").Tag(EpeeType.UInt8).Bytes(8)
            .Key("i").Tag(EpeeType.Double).Bytes(BitConverter.GetBytes(1.5))
            .Key("j").Tag(EpeeType.Bool).Bytes(1)
            .Key("k").Tag(EpeeType.String).Varint(2).Bytes((byte)'h', (byte)'i')
            .ToArray();
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(EpeeStorage.ToArray(root)));
    }

    [Fact]
    public void Arrays_are_flagged_tag_count_and_bare_elements()
    {
        var u16 = new EpeeArray(EpeeType.UInt16);
        u16.Add(EpeeValue.FromUInt16(1));
        u16.Add(EpeeValue.FromUInt16(2));
        var objects = new EpeeArray(EpeeType.Object);
        objects.Add(EpeeValue.FromSection(new EpeeSection()));
        var strings = new EpeeArray(EpeeType.String);
        strings.Add(EpeeValue.FromBytes(new byte[70]));
        var root = new EpeeSection();
        root.Add("a", EpeeValue.FromArray(u16));
        root.Add("b", EpeeValue.FromArray(objects));
        root.Add("c", EpeeValue.FromArray(strings));

        var expected = RawPayload.WithHeader().Varint(3)
            .Key("a").ArrayTag(EpeeType.UInt16).Varint(2).Bytes(1, 0, 2, 0)
            .Key("b").ArrayTag(EpeeType.Object).Varint(1).Varint(0)
            .Key("c").ArrayTag(EpeeType.String).Varint(1).Bytes(0x19, 0x01).Repeat(0, 70) // 70 → 2-byte varint
            .ToArray();
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(EpeeStorage.ToArray(root)));
    }

    [Theory]
    [InlineData(255)]
    [InlineData(300)]
    public void Keys_of_255_or_more_bytes_are_refused(int length)
    {
        var root = new EpeeSection();
        root.Add(new string('k', length), EpeeValue.FromUInt8(1));
        Assert.Throws<ArgumentException>(() => EpeeStorage.ToArray(root));
    }

    [Fact]
    public void Key_of_254_bytes_is_written()
    {
        var root = new EpeeSection();
        root.Add(new string('k', 254), EpeeValue.FromUInt8(1));
        Assert.Equal(254, EpeeStorage.Read(EpeeStorage.ToArray(root), EpeeLimits.Levin).Entries[0].Key.Length);
    }

    [Fact]
    public void Empty_keys_cannot_enter_a_section()
    {
        Assert.Throws<ArgumentException>(() => new EpeeSection().Add("", EpeeValue.FromUInt8(1)));
    }

    [Fact]
    public void Key_chars_above_latin1_are_refused()
    {
        var root = new EpeeSection();
        root.Add("\u20ac", EpeeValue.FromUInt8(1));
        Assert.Throws<ArgumentException>(() => EpeeStorage.ToArray(root));
    }

    [Fact]
    public void A_section_containing_itself_is_refused_not_overflowing_the_stack()
    {
        var root = new EpeeSection();
        root.Add("self", EpeeValue.FromSection(root));
        Assert.Throws<ArgumentException>(() => EpeeStorage.ToArray(root));
    }

    [Fact]
    public void An_array_containing_itself_is_refused_by_both_write_paths()
    {
        var array = new EpeeArray(EpeeType.Array);
        array.Add(EpeeValue.FromArray(array));
        var root = new EpeeSection();
        root.Add("loop", EpeeValue.FromArray(array));
        Assert.Throws<ArgumentException>(() => EpeeStorage.ToArray(root));
        Assert.Throws<ArgumentException>(() => EpeeStorage.Write(root, new System.Buffers.ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Write_to_buffer_writer_matches_ToArray()
    {
        var root = EpeeStorage.Read(TestVectors.Body("p2p_peerlist/handshake_response__with_local_peerlist_new.hex"), EpeeLimits.Levin);
        var buffer = new ArrayBufferWriter<byte>(1); // forces many GetSpan growths
        EpeeStorage.Write(root, buffer);
        Assert.Equal(EpeeStorage.ToArray(root), buffer.WrittenSpan.ToArray());
    }
}
