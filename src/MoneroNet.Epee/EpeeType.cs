namespace MoneroNet.Epee;

/// <summary>Type tags of epee portable storage (portable_storage_base.h). An array is <c>tag | ArrayFlag</c>.</summary>
public enum EpeeType : byte
{
    /// <summary>int64, tag 1.</summary>
    Int64 = 1,
    /// <summary>int32, tag 2.</summary>
    Int32 = 2,
    /// <summary>int16, tag 3.</summary>
    Int16 = 3,
    /// <summary>int8, tag 4.</summary>
    Int8 = 4,
    /// <summary>uint64, tag 5.</summary>
    UInt64 = 5,
    /// <summary>uint32, tag 6.</summary>
    UInt32 = 6,
    /// <summary>uint16, tag 7.</summary>
    UInt16 = 7,
    /// <summary>uint8, tag 8.</summary>
    UInt8 = 8,
    /// <summary>double, tag 9.</summary>
    Double = 9,
    /// <summary>string (any bytes: text, blobs, hashes), tag 10.</summary>
    String = 10,
    /// <summary>bool, tag 11.</summary>
    Bool = 11,
    /// <summary>object (a nested section), tag 12.</summary>
    Object = 12,
    /// <summary>The "untyped array" wrapper tag: the next byte is an array-flagged element tag.</summary>
    Array = 13,
}

/// <summary>Bits that modify a type tag on the wire (docs/PROTOCOL.md §1.3).</summary>
public static class EpeeTypeFlags
{
    /// <summary>Set on a type tag to mark an array of that element type.</summary>
    public const byte Array = 0x80;
}
