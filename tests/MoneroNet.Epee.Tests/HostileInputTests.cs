using CsCheck;

namespace MoneroNet.Epee.Tests;

/// <summary>
/// Damaged and hostile payloads: every outcome must be a tree or an <see cref="EpeeFormatException"/>, never another
/// exception or a hang, and a read must allocate at most <see cref="BytesPerInputByte"/>·N + <see cref="FixedBytes"/>.
/// </summary>
public class HostileInputTests
{
    // Worst case is an array of empty objects: one input byte becomes a section, its entry list and an array
    // slot, measured at 88 bytes (bools 24, 1-char strings 28, 6-byte fields 20 per input byte).
    private const long BytesPerInputByte = 128;
    // Exception, stack-trace capture and root section.
    private const long FixedBytes = 64 * 1024;

    private static readonly byte[][] RealBodies = TestVectors.WithOrigin("real")
        .Select(TestVectors.Body).Where(b => b.Length > 0).ToArray();

    static HostileInputTests()
    {
        // First-use costs (JIT, exception machinery, resource strings) are not per-read allocations.
        EpeeStorage.TryRead(RealBodies[0], EpeeLimits.Rpc, out _, out _);
        EpeeStorage.TryRead(RealBodies[0].AsSpan(0, 20), EpeeLimits.Rpc, out _, out _);
    }

    /// <summary>Reads <paramref name="payload"/>; fails the test on any exception other than EpeeFormatException
    /// or on an allocation above the bound.</summary>
    private static bool ReadBounded(byte[] payload)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool ok = EpeeStorage.TryRead(payload, EpeeLimits.Rpc, out var section, out var error);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(ok ? section is not null : error is not null);
        Assert.True(allocated <= BytesPerInputByte * payload.Length + FixedBytes,
            $"{allocated} bytes allocated for a {payload.Length}-byte payload");
        return ok;
    }

    [Fact]
    public void Truncation_at_every_offset()
    {
        foreach (byte[] body in RealBodies)
        {
            for (int cut = 0; cut < body.Length; cut++)
            {
                // Cutting inside the root section always loses something epee needs.
                Assert.False(ReadBounded(body[..cut]), $"cut at {cut} accepted");
            }
            Assert.True(ReadBounded(body));
        }
    }

    [Fact]
    public void Truncated_random_trees_are_rejected()
    {
        Gen.Select(TreeGen.Section(3), Gen.Double[0, 1]).Sample((tree, fraction) =>
        {
            byte[] bytes = EpeeStorage.ToArray(tree);
            int cut = (int)(fraction * (bytes.Length - 1));
            Assert.False(ReadBounded(bytes[..cut]));
        }, iter: 1000);
    }

    [Fact]
    public void Random_bit_flips()
    {
        var bodies = Gen.OneOf(new IGen<byte[]>[] { Gen.OneOf<byte[]>(RealBodies), TreeGen.Section(3).Select(EpeeStorage.ToArray) });
        Gen.Select(bodies, Gen.Int.Array[1, 6], Gen.Int[0, 7].Array[6]).Sample((body, positions, bits) =>
        {
            byte[] mutated = (byte[])body.Clone();
            for (int i = 0; i < positions.Length; i++)
                mutated[(int)((uint)positions[i] % (uint)mutated.Length)] ^= (byte)(1 << bits[i]);
            ReadBounded(mutated);
        }, iter: 5000);
    }

    [Fact]
    public void Random_bytes_after_a_valid_header()
    {
        Gen.Byte.Array[0, 200].Sample(tail => { ReadBounded([.. RawPayload.WithHeader().ToArray(), .. tail]); }, iter: 5000);
    }

    private static readonly Gen<ulong> HugeCount = Gen.Frequency(
        (1, Gen.ULong[0, EpeeVarint.MaxValue]),
        (1, Gen.OneOf<ulong>(EpeeVarint.MaxValue, 1UL << 61, 1UL << 40, (ulong)int.MaxValue, (ulong)int.MaxValue + 1,
            2_000_000_000UL, 1_999_999_999UL, 1UL << 30, 196_608UL, 16_385UL)),
        (1, Gen.ULong[0, 100_000]));

    private static readonly Gen<int> Width = Gen.OneOf<int>(1, 2, 4, 8);

    private static readonly Gen<byte> AnyElementTag = Gen.Byte[1, 13].Select(t => (byte)(t | EpeeTypeFlags.Array));

    [Fact]
    public void Declared_counts_and_lengths_up_to_two_to_the_62()
    {
        // Section count, array count (every element type) or string length, as minimal or wider varints,
        // followed by a little real data.
        var payloads = Gen.Select(HugeCount, Width, Gen.Int[0, 2], AnyElementTag, Gen.Byte.Array[0, 64]).Select(t =>
        {
            var (count, width, where, tag, filler) = t;
            width = Math.Max(width, EpeeVarint.GetLength(count));
            var raw = RawPayload.WithHeader();
            switch (where)
            {
                case 0: raw.Varint(count, width); break;
                case 1: raw.Varint(1).Key("a").Bytes(tag).Varint(count, width); break;
                default: raw.Varint(1).Key("s").Tag(EpeeType.String).Varint(count, width); break;
            }
            return raw.Bytes(filler).ToArray();
        });
        payloads.Sample(payload => { ReadBounded(payload); }, iter: 5000);
    }

    [Fact]
    public void Counts_inside_captured_messages_replaced_by_huge_values()
    {
        // Overwrite the 1-byte root count of real messages with an 8-byte varint of a huge value.
        Gen.Select(Gen.OneOf<byte[]>(RealBodies), HugeCount).Sample((body, count) =>
        {
            byte[] payload = [.. body[..9], .. new RawPayload().Varint(count, 8).ToArray(), .. body[10..]];
            ReadBounded(payload);
        }, iter: 2000);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void Deeply_nested_objects_stop_at_the_recursion_limit(int levels)
    {
        var raw = RawPayload.WithHeader();
        for (int i = 0; i < levels; i++) raw.Varint(1).Key("o").Tag(EpeeType.Object);
        raw.Varint(0);
        Assert.False(ReadBounded(raw.ToArray()));
        Assert.Equal(EpeeError.RecursionLimit, Assert.Throws<EpeeFormatException>(() => EpeeStorage.Read(raw.ToArray(), EpeeLimits.Rpc)).Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Deeply_nested_arrays_of_objects_stop_at_the_recursion_limit(bool wrapped)
    {
        var raw = RawPayload.WithHeader();
        for (int i = 0; i < 10_000; i++)
        {
            raw.Varint(1).Key("a");
            if (wrapped) raw.Tag(EpeeType.Array);
            raw.ArrayTag(EpeeType.Object).Varint(1);
        }
        raw.Varint(0);
        Assert.Equal(EpeeError.RecursionLimit, Assert.Throws<EpeeFormatException>(() => EpeeStorage.Read(raw.ToArray(), EpeeLimits.Rpc)).Kind);
        Assert.False(ReadBounded(raw.ToArray()));
    }

    [Fact]
    public void Largest_legal_fan_outs_stay_within_the_allocation_bound()
    {
        // The densest legal shapes: 1 byte per empty object, per bool, per u8; 2 bytes per 1-char string.
        Assert.True(ReadBounded(RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(EpeeType.Object).Varint(196_607).Repeat(0, 196_607).ToArray()));
        Assert.True(ReadBounded(RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(EpeeType.Bool).Varint(500_000).Repeat(1, 500_000).ToArray()));
        var strings = RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(EpeeType.String).Varint(190_000);
        for (int i = 0; i < 190_000; i++) strings.Bytes(0x04, 0x41);
        Assert.True(ReadBounded(strings.ToArray()));

        var fields = RawPayload.WithHeader().Varint(150_000);
        for (int i = 0; i < 150_000; i++) fields.Bytes(3, (byte)i, (byte)(i >> 8), (byte)(i >> 16)).Tag(EpeeType.UInt8).Bytes(0);
        Assert.True(ReadBounded(fields.ToArray()));
    }
}
