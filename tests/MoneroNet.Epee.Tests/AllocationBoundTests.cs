using CsCheck;
using Xunit.Abstractions;

namespace MoneroNet.Epee.Tests;

/// <summary>
/// Memory a peer can make a decode cost, as a property over hostile payloads: a read allocates at most
/// <see cref="BulkBytesPerInputByte"/> per input byte for bulk content (scalar arrays, string and key bytes) plus a
/// per-item cost for the objects, entries and strings the <see cref="EpeeLimits"/> budget allows; a validation
/// allocates nothing that grows with the input.
/// </summary>
public class AllocationBoundTests(ITestOutputHelper output)
{
    // Packed scalar arrays cost one copy of their bytes; string bytes one copy; keys two bytes a char.
    private const long BulkBytesPerInputByte = 4;

    // Measured worst cases for one item (see Per_item_costs_are_what_the_bound_assumes): an empty object in an
    // array (section, entry list, array slot) 88 bytes; an entry (list slot, key string, index slot) under 96;
    // a string (array header, array slot) 48 + its bytes.
    private const long PerObject = 128;
    private const long PerField = 128;
    private const long PerString = 64;
    // Exception and stack trace, a root section, the CsCheck closure.
    private const long Fixed = 64 * 1024;

    private static readonly EpeeLimits Limits = EpeeLimits.Levin;

    private static long ItemBudget(EpeeLimits limits) =>
        limits.MaxObjects * PerObject + limits.MaxFields * PerField + limits.MaxStrings * PerString;

    static AllocationBoundTests()
    {
        // First-use costs (JIT, exception machinery, pooled buffers) are not per-read allocations.
        var warm = RawPayload.WithHeader().Varint(40);
        for (int i = 0; i < 40; i++) warm.Key("k" + i).Tag(EpeeType.UInt8).Bytes(0);
        for (int i = 0; i < 3; i++)
        {
            EpeeStorage.TryRead(warm.ToArray(), Limits, out _, out _);
            EpeeStorage.TryRead(warm.ToArray().AsSpan(0, 20).ToArray(), Limits, out _, out _);
            try { EpeeStorage.Validate(warm.ToArray(), Limits); } catch (EpeeFormatException) { }
            try { EpeeStorage.Validate(warm.ToArray().AsSpan(0, 20).ToArray(), Limits); } catch (EpeeFormatException) { }
        }
    }

    private static readonly Gen<EpeeType> ScalarType = Gen.OneOf<EpeeType>(
        EpeeType.Int64, EpeeType.Int32, EpeeType.Int16, EpeeType.Int8, EpeeType.UInt64, EpeeType.UInt32,
        EpeeType.UInt16, EpeeType.UInt8, EpeeType.Double, EpeeType.Bool);

    // One big scalar array, sometimes declared longer than what follows, sometimes with a bad bool at the end.
    private static readonly Gen<byte[]> BigScalarArray =
        Gen.Select(ScalarType, Gen.Int[0, 400_000], Gen.Int[-2, 2]).Select((type, count, skew) =>
        {
            int width = type switch { EpeeType.Int64 or EpeeType.UInt64 or EpeeType.Double => 8, EpeeType.Int32 or EpeeType.UInt32 => 4, EpeeType.Int16 or EpeeType.UInt16 => 2, _ => 1 };
            var raw = RawPayload.WithHeader().Varint(1).Key("blob").ArrayTag(type).Varint((ulong)count);
            int bytes = Math.Max(0, count * width + skew);
            raw.Repeat(type == EpeeType.Bool ? (byte)1 : (byte)0xA5, bytes);
            return raw.ToArray();
        });

    // Many small strings, in an array or as entries.
    private static readonly Gen<byte[]> ManySmallStrings =
        Gen.Select(Gen.Int[0, 20_000], Gen.Int[0, 3], Gen.Bool).Select((count, length, asEntries) =>
        {
            var raw = RawPayload.WithHeader();
            if (asEntries)
            {
                raw.Varint((ulong)count);
                for (int i = 0; i < count; i++)
                    raw.Bytes(3, (byte)'s', (byte)(i >> 8), (byte)i).Tag(EpeeType.String).Varint((ulong)length).Repeat(0x41, length);
            }
            else
            {
                raw.Varint(1).Key("txs").ArrayTag(EpeeType.String).Varint((ulong)count);
                for (int i = 0; i < count; i++) raw.Varint((ulong)length).Repeat(0x41, length);
            }
            return raw.ToArray();
        });

    // Nesting to and past the recursion limit, through objects or arrays of objects.
    private static readonly Gen<byte[]> DeepNesting =
        Gen.Select(Gen.Int[1, 5_000], Gen.Bool).Select((levels, arrays) =>
        {
            var raw = RawPayload.WithHeader();
            for (int i = 0; i < levels; i++)
            {
                raw.Varint(1).Key("o");
                if (arrays) raw.ArrayTag(EpeeType.Object).Varint(1);
                else raw.Tag(EpeeType.Object);
            }
            return raw.Varint(0).ToArray();
        });

    // Many keys (some sections with a duplicate), or many empty objects.
    private static readonly Gen<byte[]> ManyKeysOrObjects =
        Gen.Select(Gen.Int[0, 20_000], Gen.Int[0, 2]).Select((count, shape) =>
        {
            var raw = RawPayload.WithHeader();
            switch (shape)
            {
                case 0:
                    raw.Varint((ulong)count);
                    for (int i = 0; i < count; i++) raw.Bytes(2, (byte)(i >> 8), (byte)i).Tag(EpeeType.UInt8).Bytes(0);
                    break;
                case 1:
                    raw.Varint((ulong)count + 1);
                    for (int i = 0; i < count; i++) raw.Bytes(2, (byte)(i >> 8), (byte)i).Tag(EpeeType.UInt8).Bytes(0);
                    raw.Bytes(2, 0, 0).Tag(EpeeType.UInt8).Bytes(0); // duplicate of the first key
                    break;
                default:
                    raw.Varint(1).Key("a").ArrayTag(EpeeType.Object).Varint((ulong)count).Repeat(0, count);
                    break;
            }
            return raw.ToArray();
        });

    private static readonly Gen<byte[]> Hostile = Gen.OneOf(BigScalarArray, ManySmallStrings, DeepNesting, ManyKeysOrObjects);

    [Fact]
    public void Read_allocates_at_most_a_constant_per_input_byte_plus_the_item_budget()
    {
        Hostile.Sample(payload =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool ok = EpeeStorage.TryRead(payload, Limits, out _, out _);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long bound = BulkBytesPerInputByte * payload.Length + ItemBudget(Limits) + Fixed;
            Assert.True(allocated <= bound, $"{allocated} bytes allocated for a {payload.Length}-byte payload (bound {bound}, accepted: {ok})");
        }, iter: 120, threads: 1);
    }

    [Fact]
    public void Validate_allocates_nothing_that_grows_with_the_input()
    {
        // The pooled key table is at most one KeyMark a field, rented once.
        long bound = Limits.MaxFields * 2L * 16 + Fixed;
        Hostile.Sample(payload =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { EpeeStorage.Validate(payload, Limits); } catch (EpeeFormatException) { }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= bound, $"{allocated} bytes allocated validating a {payload.Length}-byte payload");
        }, iter: 120, threads: 1);
    }

    [Fact]
    public void Validate_accepts_exactly_what_Read_accepts()
    {
        var bodies = Gen.OneOf(Hostile, TreeGen.Section(3).Select(EpeeStorage.ToArray),
            TreeGen.Section(3).Select(EpeeStorage.ToArray).Select(Gen.Int[0, 7].Array[1, 4], Gen.Int, (body, bits, at) =>
            {
                byte[] mutated = (byte[])body.Clone();
                foreach (int bit in bits) mutated[(int)((uint)(at + bit * 7919) % (uint)mutated.Length)] ^= (byte)(1 << bit);
                return mutated;
            }));
        bodies.Sample(payload =>
        {
            bool read = EpeeStorage.TryRead(payload, Limits, out _, out var readError);
            EpeeFormatException? validateError = null;
            try { EpeeStorage.Validate(payload, Limits); } catch (EpeeFormatException e) { validateError = e; }
            Assert.Equal(read, validateError is null);
            // Both find the first fault, except a duplicate key in a large section, which validation reports
            // once the section is read.
            if (!read && readError!.Kind != EpeeError.DuplicateKey && validateError!.Kind != EpeeError.DuplicateKey)
                Assert.Equal((readError.Kind, readError.Offset), (validateError.Kind, validateError.Offset));
        }, iter: 1000);
    }

    [Fact]
    public void Scalar_arrays_cost_about_one_byte_per_input_byte()
    {
        // The shape of the 100 MB COMMAND_NEW_TRANSACTIONS flood, at 4 MB: one u8 array.
        const int count = 4_000_000;
        byte[] payload = RawPayload.WithHeader().Varint(1).Key("txs").ArrayTag(EpeeType.UInt8).Varint(count).Repeat(7, count).ToArray();

        long before = GC.GetAllocatedBytesForCurrentThread();
        var root = EpeeStorage.Read(payload, Limits);
        long read = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        EpeeStorage.Validate(payload, Limits);
        long validate = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"read: {(double)read / payload.Length:F3} bytes per input byte; validate: {validate} bytes");
        Assert.InRange(read, count, count + Fixed);
        Assert.True(validate <= Fixed, $"validate allocated {validate}");
        var array = root["txs"].AsArray();
        Assert.Equal(count, array.Count);
        Assert.Equal(7, array[count - 1].AsUInt8());
        Assert.Equal(payload, EpeeStorage.ToArray(root));
    }

    [Fact]
    public void Per_item_costs_are_what_the_bound_assumes()
    {
        (string Name, Func<int, byte[]> Make, long Budget)[] shapes =
        [
            ("empty objects", n => RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(EpeeType.Object).Varint((ulong)n).Repeat(0, n).ToArray(), PerObject),
            ("1-byte strings", n =>
            {
                var raw = RawPayload.WithHeader().Varint(1).Key("a").ArrayTag(EpeeType.String).Varint((ulong)n);
                for (int i = 0; i < n; i++) raw.Bytes(0x04, 0x41);
                return raw.ToArray();
            }, PerString + 2 * BulkBytesPerInputByte),
            ("2-byte-key fields", n =>
            {
                var raw = RawPayload.WithHeader().Varint((ulong)n);
                for (int i = 0; i < n; i++) raw.Bytes(2, (byte)(i >> 8), (byte)i).Tag(EpeeType.UInt8).Bytes(0);
                return raw.ToArray();
            }, PerField),
        ];
        foreach (var (name, make, budget) in shapes)
        {
            const int n = 8000;
            byte[] payload = make(n);
            long before = GC.GetAllocatedBytesForCurrentThread();
            EpeeStorage.Read(payload, Limits);
            long perItem = (GC.GetAllocatedBytesForCurrentThread() - before) / n;
            output.WriteLine($"{name}: {perItem} bytes an item");
            Assert.True(perItem <= budget, $"{name}: {perItem} bytes an item, budget {budget}");
        }
    }
}
