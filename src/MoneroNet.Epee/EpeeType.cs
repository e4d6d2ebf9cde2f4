namespace MoneroNet.Epee;

/// <summary>Type tags of epee portable storage (portable_storage_base.h). An array is <c>tag | ArrayFlag</c>.</summary>
public enum EpeeType : byte
{
    Int64 = 1,
    Int32 = 2,
    Int16 = 3,
    Int8 = 4,
    UInt64 = 5,
    UInt32 = 6,
    UInt16 = 7,
    UInt8 = 8,
    Double = 9,
    String = 10,
    Bool = 11,
    Object = 12,
    /// <summary>The "untyped array" wrapper tag: the next byte is an array-flagged element tag.</summary>
    Array = 13,
}

public static class EpeeTypeFlags
{
    /// <summary>Set on a type tag to mark an array of that element type.</summary>
    public const byte Array = 0x80;
}
