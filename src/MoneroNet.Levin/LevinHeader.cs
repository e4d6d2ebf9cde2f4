using System.Buffers;
using System.Buffers.Binary;

namespace MoneroNet.Levin;

/// <summary>
/// The 33-byte Levin packet header (epee's packed <c>bucket_head2</c>), all fields little-endian:
/// signature u64, body length u64, expect_response u8, command u32, return code i32, flags u32,
/// protocol version u32. The signature is implied: a value of this type always stands for a header
/// that carries <see cref="Signature"/>.
/// </summary>
public readonly record struct LevinHeader(
    ulong BodyLength,
    bool ExpectResponse,
    uint Command,
    int ReturnCode,
    LevinFlags Flags,
    uint ProtocolVersion = LevinHeader.CurrentProtocolVersion)
{
    /// <summary>Size of the header on the wire.</summary>
    public const int Size = 33;

    /// <summary>The constant first 8 bytes of every packet (bytes 01 21 01 01 01 01 01 01).</summary>
    public const ulong Signature = 0x0101010101012101;

    /// <summary>The only protocol version monerod sends; responses are recognised only with it.</summary>
    public const uint CurrentProtocolVersion = 1;

    /// <summary>Number of leading bytes needed to check the signature.</summary>
    public const int SignatureSize = sizeof(ulong);

    private const int BodyLengthOffset = 8;
    private const int ExpectResponseOffset = 16;
    private const int CommandOffset = 17;
    private const int ReturnCodeOffset = 21;
    private const int FlagsOffset = 25;
    private const int ProtocolVersionOffset = 29;

    /// <summary>Header of a request (invoke): flags Q, expect_response set, return code 0.</summary>
    public static LevinHeader ForRequest(uint command, ulong bodyLength) =>
        new(bodyLength, true, command, LevinReturnCodes.Ok, LevinFlags.Request);

    /// <summary>Header of a notification: flags Q, no response expected, return code 0.</summary>
    public static LevinHeader ForNotification(uint command, ulong bodyLength) =>
        new(bodyLength, false, command, LevinReturnCodes.Ok, LevinFlags.Request);

    /// <summary>Header of a response: flags S, no response expected, the handler's return code.</summary>
    public static LevinHeader ForResponse(uint command, int returnCode, ulong bodyLength) =>
        new(bodyLength, false, command, returnCode, LevinFlags.Response);

    /// <summary>True when neither Q nor S is set: the packet is a fragment or a dummy, not a message of its own.</summary>
    public bool IsFragmentOrDummy => (Flags & (LevinFlags.Request | LevinFlags.Response)) == 0;

    /// <summary>True for a dummy (noise) packet: B and E set, neither Q nor S.</summary>
    public bool IsDummy => IsFragmentOrDummy && (Flags & (LevinFlags.Begin | LevinFlags.End)) == (LevinFlags.Begin | LevinFlags.End);

    /// <summary>
    /// Dispatch kind as monerod decides it: S together with protocol version 1 is a response;
    /// anything else is a request if expect_response is set, otherwise a notification.
    /// </summary>
    public LevinMessageKind Kind =>
        ProtocolVersion == CurrentProtocolVersion && (Flags & LevinFlags.Response) != 0 ? LevinMessageKind.Response
        : ExpectResponse ? LevinMessageKind.Request
        : LevinMessageKind.Notification;

    /// <summary>True when <paramref name="source"/> starts with the 8 signature bytes. Needs at least 8 bytes.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> source) =>
        source.Length >= SignatureSize && BinaryPrimitives.ReadUInt64LittleEndian(source) == Signature;

    /// <summary>Reads a header from the first 33 bytes of <paramref name="source"/>.</summary>
    /// <returns>False when fewer than 33 bytes are given or the signature does not match.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, out LevinHeader header)
    {
        if (source.Length < Size || !HasSignature(source))
        {
            header = default;
            return false;
        }

        header = ReadFields(source);
        return true;
    }

    /// <inheritdoc cref="TryRead(ReadOnlySpan{byte}, out LevinHeader)"/>
    public static bool TryRead(in ReadOnlySequence<byte> source, out LevinHeader header)
    {
        if (source.FirstSpan.Length >= Size)
            return TryRead(source.FirstSpan, out header);

        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        Span<byte> copy = stackalloc byte[Size];
        source.Slice(0, Size).CopyTo(copy);
        return TryRead(copy, out header);
    }

    /// <summary>
    /// Reads the fields after the signature without checking it. Used for the inner header of a
    /// reassembled fragmented message, whose signature monerod does not check either.
    /// </summary>
    internal static LevinHeader ReadFields(ReadOnlySpan<byte> source) =>
        new(
            BinaryPrimitives.ReadUInt64LittleEndian(source[BodyLengthOffset..]),
            source[ExpectResponseOffset] != 0,
            BinaryPrimitives.ReadUInt32LittleEndian(source[CommandOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[ReturnCodeOffset..]),
            (LevinFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[FlagsOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[ProtocolVersionOffset..]));

    /// <summary>
    /// The command field of a header at the start of <paramref name="source"/> (at least 33 bytes), read without
    /// parsing the rest: lets a sender count a queued frame by command without storing the command beside it.
    /// </summary>
    public static uint ReadCommand(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt32LittleEndian(source[CommandOffset..]);

    /// <summary>Writes the 33 header bytes (signature included) to the start of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 33 bytes.</exception>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"A Levin header needs {Size} bytes, the destination has {destination.Length}.", nameof(destination));

        BinaryPrimitives.WriteUInt64LittleEndian(destination, Signature);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[BodyLengthOffset..], BodyLength);
        destination[ExpectResponseOffset] = ExpectResponse ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[CommandOffset..], Command);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ReturnCodeOffset..], ReturnCode);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[FlagsOffset..], (uint)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ProtocolVersionOffset..], ProtocolVersion);
    }
}
