using CsCheck;

namespace MoneroNet.Epee.Tests;

/// <summary>CsCheck generators of random portable-storage trees covering every type epee can round-trip.</summary>
internal static class TreeGen
{
    // Any byte may appear in a key; epee's writer allows 1..254 bytes.
    private static readonly Gen<string> Key =
        Gen.Frequency(
            (4, Gen.String[Gen.Char['a', 'z'], 1, 12]),
            (1, Gen.Byte.Array[1, 254].Select(b => System.Text.Encoding.Latin1.GetString(b))));

    private static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (3, Gen.Byte.Array[0, 40]),
        (1, Gen.Byte.Array[60, 300])); // crosses the 1 → 2-byte varint width

    private static readonly (EpeeType Type, Gen<EpeeValue> Gen)[] Scalars =
    [
        (EpeeType.Int64, Gen.Long.Select(EpeeValue.FromInt64)),
        (EpeeType.Int32, Gen.Int.Select(EpeeValue.FromInt32)),
        (EpeeType.Int16, Gen.Short.Select(EpeeValue.FromInt16)),
        (EpeeType.Int8, Gen.SByte.Select(EpeeValue.FromInt8)),
        (EpeeType.UInt64, Gen.ULong.Select(EpeeValue.FromUInt64)),
        (EpeeType.UInt32, Gen.UInt.Select(EpeeValue.FromUInt32)),
        (EpeeType.UInt16, Gen.UShort.Select(EpeeValue.FromUInt16)),
        (EpeeType.UInt8, Gen.Byte.Select(EpeeValue.FromUInt8)),
        // Any bit pattern, NaNs and infinities included: the writer stores the raw bits.
        (EpeeType.Double, Gen.Long.Select(bits => EpeeValue.FromDouble(BitConverter.Int64BitsToDouble(bits)))),
        (EpeeType.Bool, Gen.Bool.Select(EpeeValue.FromBool)),
        (EpeeType.String, Bytes.Select(EpeeValue.FromBytes)),
    ];

    private static readonly Gen<EpeeValue> Scalar = Gen.OneOf(Scalars.Select(s => (IGen<EpeeValue>)s.Gen).ToArray());

    // Array string elements are non-empty: epee's reader budgets 2 bytes per string element against the bytes
    // left, so an array of empty strings near the end of a payload is refused (CountSanity) and cannot round-trip.
    private static readonly Gen<EpeeValue> NonEmptyString =
        Gen.Frequency((3, Gen.Byte.Array[1, 40]), (1, Gen.Byte.Array[60, 300])).Select(EpeeValue.FromBytes);

    private static readonly Gen<EpeeValue> ScalarArray = Gen.OneOf(Scalars.Select(s => (IGen<EpeeValue>)
        (s.Type == EpeeType.String ? NonEmptyString : s.Gen).Array[0, 8]
            .Select(values => EpeeValue.FromArray(ArrayOf(s.Type, values)))).ToArray());

    public static Gen<EpeeSection> Section(int depth) => Entry(depth).Array[0, 7].Select(entries =>
    {
        var section = new EpeeSection();
        foreach (var (key, value) in entries) section.TryAdd(key, value);
        return section;
    });

    private static Gen<(string, EpeeValue)> Entry(int depth) => Gen.Select(Key, Value(depth));

    private static Gen<EpeeValue> Value(int depth) => depth == 0
        ? Gen.Frequency((6, Scalar), (2, ScalarArray))
        : Gen.Frequency(
            (6, Scalar),
            (2, ScalarArray),
            (2, Section(depth - 1).Select(EpeeValue.FromSection)),
            (1, Section(depth - 1).Array[0, 3].Select(sections =>
                EpeeValue.FromArray(ArrayOf(EpeeType.Object, sections.Select(EpeeValue.FromSection))))),
            (1, Gen.Const(EpeeValue.FromArray(new EpeeArray(EpeeType.Array)))));

    private static EpeeArray ArrayOf(EpeeType type, IEnumerable<EpeeValue> values)
    {
        var array = new EpeeArray(type);
        foreach (var v in values) array.Add(v);
        return array;
    }
}
