namespace MoneroNet.Epee.Tests;

/// <summary>
/// Each reader limit at its boundary, with the live monerod results of docs/PROTOCOL.md §1.7 and
/// vectors/probe_logs/reader_limits_results.txt: accepted at the limit, rejected one past it.
/// </summary>
public class ReaderLimitTests
{
    // The testnet handshake request carries 2 objects, 11 fields and 2 strings.
    private static readonly byte[] Handshake = TestVectors.Body("p2p_testnet/handshake_request.hex");

    /// <summary>The handshake with one more root entry appended (unsorted keys are fine for the reader).</summary>
    private static byte[] HandshakeWith(Action<RawPayload> extraEntry)
    {
        Assert.Equal(0x08, Handshake[9]); // root count 2
        var raw = RawPayload.WithHeader().Varint(3).Bytes(Handshake[10..]);
        extraEntry(raw);
        return raw.ToArray();
    }

    private static EpeeFormatException Rejected(byte[] payload, EpeeLimits limits)
    {
        Assert.False(EpeeStorage.TryRead(payload, limits, out var section, out var error));
        Assert.Null(section);
        return error!;
    }

    [Theory]
    [InlineData(8190, true)]
    [InlineData(8191, false)]
    public void Objects_budget_counts_array_elements(int emptyObjects, bool accepted)
    {
        byte[] payload = HandshakeWith(p => p.Key("x").ArrayTag(EpeeType.Object).Varint((ulong)emptyObjects).Repeat(0x00, emptyObjects));
        if (accepted)
            Assert.Equal(emptyObjects, EpeeStorage.Read(payload, EpeeLimits.Levin)["x"].AsArray().Count);
        else
            Assert.Equal(EpeeError.TooManyObjects, Rejected(payload, EpeeLimits.Levin).Kind);
    }

    [Fact]
    public void Objects_budget_counts_single_object_values()
    {
        // 8190 objects in an array + node_data + payload_data = 8192; one more plain object value is one too many.
        byte[] payload = HandshakeWith(p => p.Key("x").ArrayTag(EpeeType.Object).Varint(8190).Repeat(0x00, 8190));
        payload = [.. payload[..9], 0x10, .. payload[10..], .. new RawPayload().Key("y").Tag(EpeeType.Object).Varint(0).ToArray()];
        Assert.Equal(EpeeError.TooManyObjects, Rejected(payload, EpeeLimits.Levin).Kind);
    }

    [Theory]
    [InlineData(16382, true)]
    [InlineData(16383, false)]
    public void Strings_budget_counts_array_elements(int oneCharStrings, bool accepted)
    {
        byte[] payload = HandshakeWith(p =>
        {
            p.Key("s").ArrayTag(EpeeType.String).Varint((ulong)oneCharStrings);
            for (int i = 0; i < oneCharStrings; i++) p.Varint(1).Bytes((byte)'a');
        });
        if (accepted)
            Assert.Equal(oneCharStrings, EpeeStorage.Read(payload, EpeeLimits.Levin)["s"].AsArray().Count);
        else
            Assert.Equal(EpeeError.TooManyStrings, Rejected(payload, EpeeLimits.Levin).Kind);
    }

    [Theory]
    [InlineData(16382)]
    [InlineData(16383)]
    public void Empty_strings_fail_the_two_bytes_per_string_sanity_check(int emptyStrings)
    {
        // Live: both rejected, because epee budgets 2 bytes per string element and only 1 is present.
        byte[] payload = HandshakeWith(p => p.Key("s").ArrayTag(EpeeType.String).Varint((ulong)emptyStrings).Repeat(0x00, emptyStrings));
        Assert.Equal(EpeeError.CountSanity, Rejected(payload, EpeeLimits.Levin).Kind);
    }

    [Theory]
    [InlineData(16382, true)]
    [InlineData(16383, false)]
    public void Fields_budget_is_the_sum_of_all_entry_counts(int innerFields, bool accepted)
    {
        // As the live 2003 probe: 2 root fields, one of them an object with innerFields entries.
        var raw = RawPayload.WithHeader().Varint(2).U8Entry("a", 1).Key("o").Tag(EpeeType.Object).Varint((ulong)innerFields);
        for (int i = 0; i < innerFields; i++)
            raw.U8Entry(new string([(char)('a' + i % 26), (char)('a' + i / 26 % 26), (char)('a' + i / 676)]), 0);
        byte[] payload = raw.ToArray();

        if (accepted)
            Assert.Equal(innerFields, EpeeStorage.Read(payload, EpeeLimits.Levin)["o"].AsSection().Count);
        else
            Assert.Equal(EpeeError.TooManyFields, Rejected(payload, EpeeLimits.Levin).Kind);
    }

    [Fact]
    public void Rpc_limits_are_larger()
    {
        Assert.Equal(new EpeeLimits(196608, 196608, 196608, 100), EpeeLimits.Rpc);
        Assert.Equal(new EpeeLimits(8192, 16384, 16384, 100), EpeeLimits.Levin);
        byte[] payload = HandshakeWith(p => p.Key("x").ArrayTag(EpeeType.Object).Varint(20000).Repeat(0x00, 20000));
        Assert.Equal(EpeeError.TooManyObjects, Rejected(payload, EpeeLimits.Levin).Kind);
        Assert.Equal(20000, EpeeStorage.Read(payload, EpeeLimits.Rpc)["x"].AsArray().Count);
    }

    // ---- nesting (epee's call counter, see EpeeReader) ----

    private static EpeeSection NestedObjects(int levels, bool innermostHasString)
    {
        var innermost = new EpeeSection();
        if (innermostHasString) innermost.Add("s", EpeeValue.FromString("x"));
        var current = innermost;
        for (int i = 0; i < levels - 1; i++)
        {
            var outer = new EpeeSection();
            outer.Add("o", EpeeValue.FromSection(current));
            current = outer;
        }
        return current; // the object `levels` levels below whoever holds it
    }

    private static byte[] AtRoot(EpeeSection value)
    {
        var root = new EpeeSection();
        root.Add("o", EpeeValue.FromSection(value));
        return EpeeStorage.ToArray(root);
    }

    [Theory]
    [InlineData(31, false, true)]
    [InlineData(32, false, false)]
    [InlineData(30, true, true)]
    [InlineData(31, true, false)]
    public void Objects_nest_31_levels_below_root_or_30_when_holding_a_string(int levels, bool withString, bool accepted)
    {
        byte[] payload = AtRoot(NestedObjects(levels, withString));
        if (accepted) Assert.True(EpeeStorage.TryRead(payload, EpeeLimits.Levin, out _, out _));
        else Assert.Equal(EpeeError.RecursionLimit, Rejected(payload, EpeeLimits.Levin).Kind);
    }

    [Theory]
    [InlineData(30, false, true)]
    [InlineData(31, false, false)]
    [InlineData(29, true, true)]
    [InlineData(30, true, false)]
    public void Probe_log_numbers_for_an_unknown_field_inside_node_data(int levels, bool withString, bool accepted)
    {
        // reader_limits_results.txt counts from inside a handshake sub-object, one level deeper than the root.
        var root = EpeeStorage.Read(Handshake, EpeeLimits.Levin);
        root["node_data"].AsSection().Add("unknown", EpeeValue.FromSection(NestedObjects(levels, withString)));
        byte[] payload = EpeeStorage.ToArray(root);
        if (accepted) Assert.True(EpeeStorage.TryRead(payload, EpeeLimits.Levin, out _, out _));
        else Assert.Equal(EpeeError.RecursionLimit, Rejected(payload, EpeeLimits.Levin).Kind);
    }

    [Theory]
    [InlineData(18, true)]
    [InlineData(19, false)]
    public void Arrays_of_objects_nest_18_levels(int levels, bool accepted)
    {
        var current = new EpeeSection();
        for (int i = 0; i < levels; i++)
        {
            var array = new EpeeArray(EpeeType.Object);
            array.Add(EpeeValue.FromSection(current));
            var holder = new EpeeSection();
            holder.Add("a", EpeeValue.FromArray(array));
            current = holder;
        }
        byte[] payload = EpeeStorage.ToArray(current);
        if (accepted) Assert.True(EpeeStorage.TryRead(payload, EpeeLimits.Levin, out _, out _));
        else Assert.Equal(EpeeError.RecursionLimit, Rejected(payload, EpeeLimits.Levin).Kind);

        // The same tree inside node_data, as probed live: 18 still accepted, 19 rejected.
        var root = EpeeStorage.Read(Handshake, EpeeLimits.Levin);
        root["node_data"].AsSection().Add("unknown", current["a"]);
        Assert.Equal(accepted, EpeeStorage.TryRead(EpeeStorage.ToArray(root), EpeeLimits.Levin, out _, out _));
    }

    [Fact]
    public void Recursion_limit_is_configurable()
    {
        // An empty object k levels below the root drives the counter to 3k + 5 (its count varint); 31 → 98.
        byte[] payload = AtRoot(NestedObjects(31, false));
        Assert.True(EpeeStorage.TryRead(payload, EpeeLimits.Levin with { RecursionLimit = 99 }, out _, out _));
        Assert.Equal(EpeeError.RecursionLimit, Rejected(payload, EpeeLimits.Levin with { RecursionLimit = 98 }).Kind);
        byte[] deeper = AtRoot(NestedObjects(32, false));
        Assert.True(EpeeStorage.TryRead(deeper, EpeeLimits.Levin with { RecursionLimit = 102 }, out _, out _));
    }
}
