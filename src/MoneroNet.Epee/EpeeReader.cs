using System.Buffers.Binary;

namespace MoneroNet.Epee;

/// <summary>
/// Decodes one portable-storage payload into an <see cref="EpeeSection"/> tree, accepting and rejecting exactly
/// what monerod 0.18's reader accepts and rejects.
/// </summary>
/// <remarks>
/// <para>Nesting: epee does not count objects, it counts nested calls of its reader (each helper that reads a
/// tag, a varint, a value or a section bumps one shared counter on entry and drops it on exit) and throws as soon
/// as the counter reaches the limit. The methods here take the counter value epee would have at that point and
/// check the deepest value each step reaches (<see cref="Guard"/>), so the accept/reject boundary is identical:
/// a section read at counter s reaches s+4 in its entry-count varint; an entry read at s+1 reaches s+3 in its
/// key and tag, s+4 for a scalar, s+8 for a string, s+3 for a nested section; an array read at a reaches
/// a+1 for its element loop, a+5 for its count varint, a+4 per scalar element, a+7 per string element and a+3
/// per section element. Starting from 1 for the root this gives: empty objects nest 31 levels below the root,
/// 30 when the innermost holds a string, arrays of objects 18 levels.</para>
/// <para>Allocation: no buffer is sized from a declared count before that count has been checked against the
/// bytes that remain, so a hostile N-byte payload costs O(N) memory.</para>
/// </remarks>
internal ref struct EpeeReader
{
    // epee refuses string lengths from this value up (MAX_STRING_LEN_POSSIBLE).
    private const ulong MaxStringLength = 2_000_000_000;

    // Smallest encoding of one section entry: key length, a 1-byte key, a tag, a 1-byte value.
    private const int MinEntryBytes = 4;

    private readonly ReadOnlySpan<byte> _data;
    private readonly EpeeLimits _limits;
    private int _pos;
    private long _objects;
    private long _fields;
    private long _strings;

    private EpeeReader(ReadOnlySpan<byte> data, EpeeLimits limits)
    {
        _data = data;
        _limits = limits;
        _pos = 0;
    }

    /// <summary>Reads a whole payload (header + root section); bytes after the root section are ignored.</summary>
    public static EpeeSection Read(ReadOnlySpan<byte> data, EpeeLimits limits)
    {
        var reader = new EpeeReader(data, limits);
        reader.ReadHeader();
        return reader.ReadSection(depth: 1);
    }

    private void ReadHeader()
    {
        if (_data.Length < EpeeHeader.Length)
            throw Error(EpeeError.Truncated, _data.Length, $"payload of {_data.Length} bytes is shorter than the 9-byte header");
        if (!_data[..4].SequenceEqual(EpeeHeader.SignatureA))
            throw Error(EpeeError.BadSignature, 0, "signature A mismatch");
        if (!_data[4..8].SequenceEqual(EpeeHeader.SignatureB))
            throw Error(EpeeError.BadSignature, 4, "signature B mismatch");
        if (_data[8] != EpeeHeader.Version)
            throw Error(EpeeError.BadVersion, 8, $"unknown format version {_data[8]}");
        _pos = EpeeHeader.Length;
    }

    private readonly int Remaining => _data.Length - _pos;

    private EpeeSection ReadSection(int depth)
    {
        Guard(depth);
        long countAt = _pos;
        ulong count = ReadVarint(depth);
        if (count > (ulong)(_limits.MaxFields - _fields))
            throw Error(EpeeError.TooManyFields, countAt, $"section of {count} entries exceeds the field budget ({_limits.MaxFields})");
        _fields += (long)count;

        var section = new EpeeSection((int)Math.Min(count, (ulong)(Remaining / MinEntryBytes)));
        for (ulong i = 0; i < count; i++)
        {
            long keyAt = _pos;
            string key = ReadKey(depth + 1);
            if (section.ContainsKey(key))
                throw Error(EpeeError.DuplicateKey, keyAt, $"duplicate key: {key}");
            section.Add(key, ReadEntry(depth + 1));
        }
        return section;
    }

    // Key: one length byte (1..255), then the raw bytes, kept as a Latin-1 string (one char per byte); the
    // protocol's own keys come back as shared instances instead of a new string per occurrence.
    private string ReadKey(int depth)
    {
        Guard(depth + 2);
        long at = _pos;
        int length = ReadByte(at, "key length");
        if (length == 0) throw Error(EpeeError.EmptyKey, at, "section name is missing (zero-length key)");
        return EpeeKnownKeys.GetString(Take(length, at, "key"));
    }

    private EpeeValue ReadEntry(int depth)
    {
        Guard(depth + 2);
        long tagAt = _pos;
        byte tag = ReadByte(tagAt, "type tag");
        if ((tag & EpeeTypeFlags.Array) != 0) return ReadArray(depth + 1, tag, tagAt);

        switch ((EpeeType)tag)
        {
            case EpeeType.String:
                Guard(depth + 1);
                CountString(tagAt);
                return EpeeValue.FromBytes(ReadStringBody(depth + 3));
            case EpeeType.Object:
                Guard(depth + 1);
                CountObjects(1, tagAt);
                return EpeeValue.FromSection(ReadSection(depth + 2));
            case EpeeType.Array:
            {
                Guard(depth + 3);
                long innerAt = _pos;
                byte inner = ReadByte(innerAt, "array type tag after the tag-13 wrapper");
                if ((inner & EpeeTypeFlags.Array) == 0)
                    throw Error(EpeeError.BadArrayWrapper, innerAt, $"tag 13 must be followed by an array tag, got {inner}");
                return ReadArray(depth + 2, inner, innerAt);
            }
            case >= EpeeType.Int64 and <= EpeeType.Bool:
                Guard(depth + 3);
                return ReadScalar((EpeeType)tag);
            default:
                throw Error(EpeeError.UnknownType, tagAt, $"unknown type tag {tag}");
        }
    }

    private EpeeValue ReadArray(int depth, byte tag, long tagAt)
    {
        Guard(depth);
        var element = (EpeeType)(tag & ~EpeeTypeFlags.Array);
        if (element is < EpeeType.Int64 or > EpeeType.Array)
            throw Error(EpeeError.UnknownType, tagAt, $"unknown array element tag {(int)element}");

        int loopDepth = depth + 1;
        Guard(loopDepth);
        long countAt = _pos;
        ulong count = ReadVarint(loopDepth);
        if (count > (ulong)(Remaining / MinElementBytes(element)))
            throw Error(EpeeError.CountSanity, countAt, $"array of {count} {element} cannot fit in the {Remaining} remaining bytes");
        if (element == EpeeType.Object) CountObjects(count, countAt);
        if (element == EpeeType.String) CountStrings(count, countAt);

        var array = new EpeeArray(element, (int)count);
        if (count == 0) return EpeeValue.FromArray(array);

        // Every element is read one call below the element loop; the per-type depth is the same for each
        // element, so it is checked once.
        int elementDepth = loopDepth + 1;
        switch (element)
        {
            case EpeeType.String:
                Guard(elementDepth + 1);
                for (ulong i = 0; i < count; i++) array.Add(EpeeValue.FromBytes(ReadStringBody(elementDepth + 1)));
                break;
            case EpeeType.Object:
                for (ulong i = 0; i < count; i++) array.Add(EpeeValue.FromSection(ReadSection(elementDepth + 1)));
                break;
            case EpeeType.Array:
                Guard(elementDepth + 1);
                throw Error(EpeeError.ArrayOfArrays, tagAt, "non-empty arrays of arrays cannot be read");
            default:
                Guard(elementDepth + 2);
                for (ulong i = 0; i < count; i++) array.Add(ReadScalar(element));
                break;
        }
        return EpeeValue.FromArray(array);
    }

    // The string body (varint length + bytes) as read by epee's string reader at counter `depth`.
    private byte[] ReadStringBody(int depth)
    {
        Guard(depth);
        long at = _pos;
        ulong length = ReadVarint(depth);
        if (length >= MaxStringLength)
            throw Error(EpeeError.StringTooLong, at, $"string length {length} is not below {MaxStringLength}");
        if (length > (ulong)Remaining)
            throw Error(EpeeError.Truncated, at, $"string of {length} bytes goes past the end ({Remaining} remain)");
        return Take((int)length, at, "string").ToArray();
    }

    private EpeeValue ReadScalar(EpeeType type)
    {
        long at = _pos;
        switch (type)
        {
            case EpeeType.Int64: return EpeeValue.FromInt64(BinaryPrimitives.ReadInt64LittleEndian(Take(8, at, "int64")));
            case EpeeType.Int32: return EpeeValue.FromInt32(BinaryPrimitives.ReadInt32LittleEndian(Take(4, at, "int32")));
            case EpeeType.Int16: return EpeeValue.FromInt16(BinaryPrimitives.ReadInt16LittleEndian(Take(2, at, "int16")));
            case EpeeType.Int8: return EpeeValue.FromInt8(unchecked((sbyte)ReadByte(at, "int8")));
            case EpeeType.UInt64: return EpeeValue.FromUInt64(BinaryPrimitives.ReadUInt64LittleEndian(Take(8, at, "uint64")));
            case EpeeType.UInt32: return EpeeValue.FromUInt32(BinaryPrimitives.ReadUInt32LittleEndian(Take(4, at, "uint32")));
            case EpeeType.UInt16: return EpeeValue.FromUInt16(BinaryPrimitives.ReadUInt16LittleEndian(Take(2, at, "uint16")));
            case EpeeType.UInt8: return EpeeValue.FromUInt8(ReadByte(at, "uint8"));
            case EpeeType.Double: return EpeeValue.FromDouble(BinaryPrimitives.ReadDoubleLittleEndian(Take(8, at, "double")));
            case EpeeType.Bool:
                byte b = ReadByte(at, "bool");
                if (b > 1) throw Error(EpeeError.BadBool, at, $"invalid bool value {b}");
                return EpeeValue.FromBool(b == 1);
            default:
                throw new InvalidOperationException($"{type} is not a scalar");
        }
    }

    // epee's varint reader sits one call below its caller and reads the integer three calls further down.
    private ulong ReadVarint(int callerDepth)
    {
        Guard(callerDepth + 1);
        long at = _pos;
        if (Remaining < 1) throw Error(EpeeError.Truncated, at, "expected a varint at the end of the data");
        Guard(callerDepth + 4);
        if (!EpeeVarint.TryRead(_data[_pos..], out ulong value, out int length))
            throw Error(EpeeError.Truncated, at, $"varint of {1 << (_data[_pos] & 3)} bytes goes past the end");
        _pos += length;
        return value;
    }

    private static int MinElementBytes(EpeeType element) => element switch
    {
        EpeeType.Int64 or EpeeType.UInt64 or EpeeType.Double => 8,
        EpeeType.Int32 or EpeeType.UInt32 => 4,
        EpeeType.Int16 or EpeeType.UInt16 => 2,
        // An empty string still needs its length byte; epee budgets two bytes per string.
        EpeeType.String => 2,
        _ => 1,
    };

    private void CountObjects(ulong count, long at)
    {
        if (count > (ulong)(_limits.MaxObjects - _objects))
            throw Error(EpeeError.TooManyObjects, at, $"more than {_limits.MaxObjects} objects");
        _objects += (long)count;
    }

    private void CountString(long at) => CountStrings(1, at);

    private void CountStrings(ulong count, long at)
    {
        if (count > (ulong)(_limits.MaxStrings - _strings))
            throw Error(EpeeError.TooManyStrings, at, $"more than {_limits.MaxStrings} strings");
        _strings += (long)count;
    }

    private readonly void Guard(int depth)
    {
        if (depth >= _limits.RecursionLimit)
            throw Error(EpeeError.RecursionLimit, _pos, $"nesting counter {depth} reached the limit {_limits.RecursionLimit}");
    }

    private byte ReadByte(long at, string what)
    {
        if (Remaining < 1) throw Error(EpeeError.Truncated, at, $"data ends before the {what}");
        return _data[_pos++];
    }

    private ReadOnlySpan<byte> Take(int length, long at, string what)
    {
        if (Remaining < length) throw Error(EpeeError.Truncated, at, $"data ends inside the {what} ({length} bytes needed, {Remaining} remain)");
        var span = _data.Slice(_pos, length);
        _pos += length;
        return span;
    }

    private static EpeeFormatException Error(EpeeError kind, long offset, string message) => new(kind, offset, message);
}
