namespace MoneroNet.Epee;

/// <summary>Why a portable-storage payload was rejected. Each one is a rejection monerod makes too.</summary>
public enum EpeeError
{
    /// <summary>The data ends inside the header, a value, a key, a varint or a string.</summary>
    Truncated,
    /// <summary>One of the two 4-byte signatures of the header is wrong.</summary>
    BadSignature,
    /// <summary>The format version byte is not 1.</summary>
    BadVersion,
    /// <summary>A type tag (or array element tag) that epee does not know.</summary>
    UnknownType,
    /// <summary>A non-empty array whose elements are arrays (epee cannot read them).</summary>
    ArrayOfArrays,
    /// <summary>The tag-13 wrapper is not followed by an array-flagged tag.</summary>
    BadArrayWrapper,
    /// <summary>A bool byte other than 0 or 1.</summary>
    BadBool,
    /// <summary>A key of length 0.</summary>
    EmptyKey,
    /// <summary>The same key twice in one section.</summary>
    DuplicateKey,
    /// <summary>A string length of 2 000 000 000 or more.</summary>
    StringTooLong,
    /// <summary>An array count larger than the remaining bytes could hold at the element's minimum size.</summary>
    CountSanity,
    /// <summary>More OBJECT values than <see cref="EpeeLimits.MaxObjects"/>.</summary>
    TooManyObjects,
    /// <summary>More section entries than <see cref="EpeeLimits.MaxFields"/>.</summary>
    TooManyFields,
    /// <summary>More STRING values than <see cref="EpeeLimits.MaxStrings"/>.</summary>
    TooManyStrings,
    /// <summary>epee's nesting counter reached <see cref="EpeeLimits.RecursionLimit"/>.</summary>
    RecursionLimit,
}
