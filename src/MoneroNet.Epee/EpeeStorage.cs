using System.Buffers;

namespace MoneroNet.Epee;

/// <summary>
/// Entry points for epee portable storage in binary form: decode a payload into an <see cref="EpeeSection"/>
/// tree (accepting and rejecting what monerod 0.18 does) and encode a tree as epee emits it.
/// </summary>
public static class EpeeStorage
{
    /// <summary>
    /// Decodes a payload (9-byte header, then the root section; trailing bytes ignored). Strings are copied,
    /// so <paramref name="data"/> may be reused as soon as this returns.
    /// </summary>
    /// <exception cref="EpeeFormatException">epee would reject the payload.</exception>
    public static EpeeSection Read(ReadOnlySpan<byte> data, EpeeLimits limits) => EpeeReader.Read(data, limits);

    /// <inheritdoc cref="Read(ReadOnlySpan{byte}, EpeeLimits)"/>
    /// <remarks>A multi-segment sequence is copied into a pooled buffer first.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">the sequence is longer than the largest .NET array.</exception>
    public static EpeeSection Read(in ReadOnlySequence<byte> data, EpeeLimits limits)
    {
        if (data.IsSingleSegment) return EpeeReader.Read(data.FirstSpan, limits);
        if (data.Length > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "payloads beyond the largest .NET array are not supported");
        int length = (int)data.Length;
        byte[] rented = RentCopyBuffer(length);
        try
        {
            data.CopyTo(rented);
            return EpeeReader.Read(rented.AsSpan(0, length), limits);
        }
        finally
        {
            ReturnCopyBuffer(rented);
        }
    }

    /// <summary>Like <see cref="Read(ReadOnlySpan{byte}, EpeeLimits)"/> but reports a rejection instead of throwing.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, EpeeLimits limits,
        out EpeeSection? section, out EpeeFormatException? error)
    {
        try
        {
            section = EpeeReader.Read(data, limits);
            error = null;
            return true;
        }
        catch (EpeeFormatException e)
        {
            section = null;
            error = e;
            return false;
        }
    }

    /// <summary>Like <see cref="Read(in ReadOnlySequence{byte}, EpeeLimits)"/> but reports a rejection instead of throwing.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> data, EpeeLimits limits,
        out EpeeSection? section, out EpeeFormatException? error)
    {
        try
        {
            section = Read(data, limits);
            error = null;
            return true;
        }
        catch (EpeeFormatException e)
        {
            section = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Checks a payload exactly as <see cref="Read(ReadOnlySpan{byte}, EpeeLimits)"/> does, throwing for the same
    /// payloads, without building a tree: for bodies that are validated and then ignored (notifications a node
    /// without a chain or pool drops), so that their cost is a walk, not a copy of every value.
    /// </summary>
    /// <exception cref="EpeeFormatException">epee would reject the payload.</exception>
    public static void Validate(ReadOnlySpan<byte> data, EpeeLimits limits) => EpeeReader.Validate(data, limits);

    /// <inheritdoc cref="Validate(ReadOnlySpan{byte}, EpeeLimits)"/>
    /// <remarks>A multi-segment sequence is copied into a pooled buffer first.</remarks>
    public static void Validate(in ReadOnlySequence<byte> data, EpeeLimits limits)
    {
        if (data.IsSingleSegment)
        {
            EpeeReader.Validate(data.FirstSpan, limits);
            return;
        }
        if (data.Length > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "payloads beyond the largest .NET array are not supported");
        int length = (int)data.Length;
        byte[] rented = RentCopyBuffer(length);
        try
        {
            data.CopyTo(rented);
            EpeeReader.Validate(rented.AsSpan(0, length), limits);
        }
        finally
        {
            ReturnCopyBuffer(rented);
        }
    }

    /// <summary>Like <see cref="Validate(in ReadOnlySequence{byte}, EpeeLimits)"/> but reports a rejection instead of throwing.</summary>
    public static bool TryValidate(in ReadOnlySequence<byte> data, EpeeLimits limits, out EpeeFormatException? error)
    {
        try
        {
            Validate(data, limits);
            error = null;
            return true;
        }
        catch (EpeeFormatException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Encodes <paramref name="root"/> as epee emits it (keys sorted byte-wise, minimal varints, each value with
    /// its own tag). Values the tree holds are all written; nothing is omitted.
    /// </summary>
    /// <exception cref="ArgumentException">a key is empty, 255 characters or longer, or not a byte string.</exception>
    public static void Write(EpeeSection root, IBufferWriter<byte> output) => EpeeWriter.Write(root, output);

    /// <summary>Encodes <paramref name="root"/> into a new array (see <see cref="Write"/>).</summary>
    public static byte[] ToArray(EpeeSection root) => ToArray(root, reservedPrefix: 0);

    /// <summary>
    /// Encodes <paramref name="root"/> into a new array after <paramref name="reservedPrefix"/> bytes left for the
    /// caller (a Levin header), so a whole frame costs one exact allocation and no copy.
    /// </summary>
    public static byte[] ToArray(EpeeSection root, int reservedPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reservedPrefix);
        // Sizing first costs one walk of the tree and saves the growth buffers and the final copy.
        long size = EpeeEncodedSize.Of(root) + reservedPrefix;
        if (size > Array.MaxLength)
        {
            // Cannot fit one array; the growing buffer fails on it as before.
            var growing = new ArrayBufferWriter<byte>(256);
            growing.Advance(reservedPrefix);
            EpeeWriter.Write(root, growing);
            return growing.WrittenSpan.ToArray();
        }
        var exact = new ExactArrayWriter((int)size, reservedPrefix);
        EpeeWriter.Write(root, exact);
        return exact.ToArray();
    }

    /// <summary>
    /// Copies of payloads up to this size come from the shared pool. A larger one (a peer may send up to 100 MB) gets
    /// its own array: the shared pool would keep it after the message (three 100 MB messages left ~290 MB held).
    /// </summary>
    private const int PooledCopyLimit = 1024 * 1024;

    private static byte[] RentCopyBuffer(int length) =>
        length <= PooledCopyLimit ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    private static void ReturnCopyBuffer(byte[] buffer)
    {
        if (buffer.Length <= PooledCopyLimit) ArrayPool<byte>.Shared.Return(buffer);
    }
}
