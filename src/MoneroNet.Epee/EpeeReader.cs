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
/// bytes that remain, and arrays of scalars are kept as one copy of their wire bytes (<see cref="EpeeArray"/>),
/// so a hostile N-byte payload costs a small constant times N plus what the <see cref="EpeeLimits"/> budgets allow
/// (per object, entry and string). <see cref="Validate"/> walks a payload with the same checks without building
/// a tree: its only allocation is a pooled table of key positions for the duplicate-key check.</para>
/// </remarks>
internal ref struct EpeeReader
{
    // epee refuses string lengths from this value up (MAX_STRING_LEN_POSSIBLE).
    private const ulong MaxStringLength = 2_000_000_000;

    // Smallest encoding of one section entry: key length, a 1-byte key, a tag, a 1-byte value.
    private const int MinEntryBytes = 4;

    // Sections up to this many keys are checked for duplicates key by key; larger ones (validation only) by
    // sorting their key hashes once the section is read, so a hostile 16384-key section stays O(n log n).
    private const int LinearKeyCheck = 16;

    private readonly ReadOnlySpan<byte> _data;
    private readonly EpeeLimits _limits;
    private readonly bool _build;
    private int _pos;
    private long _objects;
    private long _fields;
    private long _strings;

    // Validation only: the keys of the sections being read, innermost last (hash, offset, length).
    private KeyMark[]? _keys;
    private int _keyTop;

    private EpeeReader(ReadOnlySpan<byte> data, EpeeLimits limits, bool build)
    {
        _data = data;
        _limits = limits;
        _build = build;
        _pos = 0;
    }

    /// <summary>Reads a whole payload (header + root section); bytes after the root section are ignored.</summary>
    public static EpeeSection Read(ReadOnlySpan<byte> data, EpeeLimits limits)
    {
        var reader = new EpeeReader(data, limits, build: true);
        reader.ReadHeader();
        return reader.ReadSection(depth: 1)!;
    }

    /// <summary>
    /// Checks a whole payload exactly as <see cref="Read"/> does (it throws for the same payloads) without
    /// building anything.
    /// </summary>
    public static void Validate(ReadOnlySpan<byte> data, EpeeLimits limits)
    {
        var reader = new EpeeReader(data, limits, build: false);
        try
        {
            reader.ReadHeader();
            reader.ReadSection(depth: 1);
        }
        finally
        {
            if (reader._keys is not null) System.Buffers.ArrayPool<KeyMark>.Shared.Return(reader._keys);
        }
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

    // The section, or null when only validating.
    private EpeeSection? ReadSection(int depth)
    {
        Guard(depth);
        long countAt = _pos;
        ulong count = ReadVarint(depth);
        if (count > (ulong)(_limits.MaxFields - _fields))
            throw Error(EpeeError.TooManyFields, countAt, $"section of {count} entries exceeds the field budget ({_limits.MaxFields})");
        _fields += (long)count;

        if (!_build)
        {
            ValidateEntries(depth, count);
            return null;
        }

        var section = new EpeeSection((int)Math.Min(count, (ulong)(Remaining / MinEntryBytes)));
        for (ulong i = 0; i < count; i++)
        {
            long keyAt = _pos;
            string key = EpeeKnownKeys.GetString(ReadKey(depth + 1));
            if (section.ContainsKey(key))
                throw Error(EpeeError.DuplicateKey, keyAt, $"duplicate key: {key}");
            section.Add(key, ReadEntry(depth + 1));
        }
        return section;
    }

    private void ValidateEntries(int depth, ulong count)
    {
        int first = _keyTop;
        for (ulong i = 0; i < count; i++)
        {
            long keyAt = _pos;
            ReadOnlySpan<byte> key = ReadKey(depth + 1);
            var mark = new KeyMark(KeyHash(key), (int)keyAt + 1, key.Length);
            if (i < LinearKeyCheck)
            {
                for (int k = first; k < _keyTop; k++)
                    if (KeyAt(_keys![k]).SequenceEqual(key)) throw DuplicateKey(keyAt, key);
            }
            PushKey(mark);
            ReadEntry(depth + 1);
        }
        if (count > LinearKeyCheck) CheckDuplicatesBySorting(first);
        _keyTop = first;
    }

    private readonly void CheckDuplicatesBySorting(int first)
    {
        Span<KeyMark> marks = _keys.AsSpan(first, _keyTop - first);
        marks.Sort();
        for (int i = 1; i < marks.Length; i++)
        {
            for (int j = i - 1; j >= 0 && marks[j].Hash == marks[i].Hash; j--)
            {
                if (KeyAt(marks[j]).SequenceEqual(KeyAt(marks[i])))
                    throw DuplicateKey(Math.Max(marks[i].Offset, marks[j].Offset) - 1, KeyAt(marks[i]));
            }
        }
    }

    private void PushKey(KeyMark mark)
    {
        if (_keys is null || _keyTop == _keys.Length)
        {
            var pool = System.Buffers.ArrayPool<KeyMark>.Shared;
            var grown = pool.Rent(Math.Max(64, (_keys?.Length ?? 0) * 2));
            if (_keys is not null)
            {
                _keys.AsSpan(0, _keyTop).CopyTo(grown);
                pool.Return(_keys);
            }
            _keys = grown;
        }
        _keys[_keyTop++] = mark;
    }

    private readonly ReadOnlySpan<byte> KeyAt(KeyMark mark) => _data.Slice(mark.Offset, mark.Length);

    // FNV-1a: only has to spread keys of one section; equal hashes are compared byte for byte.
    private static long KeyHash(ReadOnlySpan<byte> key)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in key) h = (h ^ b) * 1099511628211UL;
        return unchecked((long)h);
    }

    private static EpeeFormatException DuplicateKey(long at, ReadOnlySpan<byte> key) =>
        Error(EpeeError.DuplicateKey, at, $"duplicate key: {EpeeKnownKeys.GetString(key)}");

    // Key: one length byte (1..255), then the raw bytes (kept as a Latin-1 string by the builder: one char per
    // byte; the protocol's own keys come back as shared instances instead of a new string per occurrence).
    private ReadOnlySpan<byte> ReadKey(int depth)
    {
        Guard(depth + 2);
        long at = _pos;
        int length = ReadByte(at, "key length");
        if (length == 0) throw Error(EpeeError.EmptyKey, at, "section name is missing (zero-length key)");
        return Take(length, at, "key");
    }

    // The value, or default when only validating.
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
                ReadOnlySpan<byte> text = ReadStringBody(depth + 3);
                return _build ? EpeeValue.FromBytes(text.ToArray()) : default;
            case EpeeType.Object:
                Guard(depth + 1);
                CountObjects(1, tagAt);
                EpeeSection? inner = ReadSection(depth + 2);
                return inner is null ? default : EpeeValue.FromSection(inner);
            case EpeeType.Array:
            {
                Guard(depth + 3);
                long innerAt = _pos;
                byte innerTag = ReadByte(innerAt, "array type tag after the tag-13 wrapper");
                if ((innerTag & EpeeTypeFlags.Array) == 0)
                    throw Error(EpeeError.BadArrayWrapper, innerAt, $"tag 13 must be followed by an array tag, got {innerTag}");
                return ReadArray(depth + 2, innerTag, innerAt);
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

        if (count == 0) return _build ? EpeeValue.FromArray(new EpeeArray(element)) : default;

        // Every element is read one call below the element loop; the per-type depth is the same for each
        // element, so it is checked once.
        int elementDepth = loopDepth + 1;
        switch (element)
        {
            case EpeeType.String:
            {
                Guard(elementDepth + 1);
                var array = _build ? new EpeeArray(element, (int)count) : null;
                for (ulong i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> text = ReadStringBody(elementDepth + 1);
                    array?.Add(EpeeValue.FromBytes(text.ToArray()));
                }
                return array is null ? default : EpeeValue.FromArray(array);
            }
            case EpeeType.Object:
            {
                var array = _build ? new EpeeArray(element, (int)count) : null;
                for (ulong i = 0; i < count; i++)
                {
                    EpeeSection? inner = ReadSection(elementDepth + 1);
                    if (inner is not null) array!.Add(EpeeValue.FromSection(inner));
                }
                return array is null ? default : EpeeValue.FromArray(array);
            }
            case EpeeType.Array:
                Guard(elementDepth + 1);
                throw Error(EpeeError.ArrayOfArrays, tagAt, "non-empty arrays of arrays cannot be read");
            default:
                Guard(elementDepth + 2);
                return ReadScalarArray(element, (int)count);
        }
    }

    // All elements at once: the count was checked against the remaining bytes at this element's width.
    private EpeeValue ReadScalarArray(EpeeType element, int count)
    {
        long at = _pos;
        ReadOnlySpan<byte> bytes = Take(count * EpeeArray.ScalarWidth(element), at, element.ToString());
        if (element == EpeeType.Bool)
        {
            int bad = bytes.IndexOfAnyExceptInRange((byte)0, (byte)1);
            if (bad >= 0) throw Error(EpeeError.BadBool, at + bad, $"invalid bool value {bytes[bad]}");
        }
        return _build ? EpeeValue.FromArray(EpeeArray.FromPacked(element, bytes, count)) : default;
    }

    // The string body (varint length + bytes) as read by epee's string reader at counter `depth`.
    private ReadOnlySpan<byte> ReadStringBody(int depth)
    {
        Guard(depth);
        long at = _pos;
        ulong length = ReadVarint(depth);
        if (length >= MaxStringLength)
            throw Error(EpeeError.StringTooLong, at, $"string length {length} is not below {MaxStringLength}");
        if (length > (ulong)Remaining)
            throw Error(EpeeError.Truncated, at, $"string of {length} bytes goes past the end ({Remaining} remain)");
        return Take((int)length, at, "string");
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

    /// <summary>Where one key of a section being validated lies; sorted by hash for the duplicate check.</summary>
    internal readonly record struct KeyMark(long Hash, int Offset, int Length) : IComparable<KeyMark>
    {
        public int CompareTo(KeyMark other) => Hash.CompareTo(other.Hash);
    }
}
