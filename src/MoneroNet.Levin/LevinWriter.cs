using System.Buffers;

namespace MoneroNet.Levin;

/// <summary>
/// Writes Levin packets (header + already encoded body) into an <see cref="IBufferWriter{T}"/>, the way monerod
/// lays them out. Every method returns the number of bytes written, headers included, for traffic accounting.
/// </summary>
public static class LevinWriter
{
    /// <summary>Smallest noise packet size that can carry fragments (two headers, as in monerod).</summary>
    public const int MinimumFragmentPacketSize = 2 * LevinHeader.Size;

    /// <summary>Writes <paramref name="header"/> followed by <paramref name="body"/>.</summary>
    /// <exception cref="ArgumentException"><c>header.BodyLength</c> differs from the body's length.</exception>
    public static int WriteMessage(IBufferWriter<byte> output, in LevinHeader header, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (header.BodyLength != (ulong)body.Length)
            throw new ArgumentException($"The header declares {header.BodyLength} body bytes but the body has {body.Length}.", nameof(header));

        WriteHeader(output, header);
        output.Write(body);
        return LevinHeader.Size + body.Length;
    }

    /// <summary>A request (flags Q, expect_response 1, return code 0).</summary>
    public static int WriteRequest(IBufferWriter<byte> output, uint command, ReadOnlySpan<byte> body) =>
        WriteMessage(output, LevinHeader.ForRequest(command, (ulong)body.Length), body);

    /// <summary>A notification (flags Q, expect_response 0, return code 0).</summary>
    public static int WriteNotification(IBufferWriter<byte> output, uint command, ReadOnlySpan<byte> body) =>
        WriteMessage(output, LevinHeader.ForNotification(command, (ulong)body.Length), body);

    /// <summary>A response (flags S, expect_response 0) carrying <paramref name="returnCode"/>; P2P handlers use <see cref="LevinReturnCodes.Success"/>.</summary>
    public static int WriteResponse(IBufferWriter<byte> output, uint command, int returnCode, ReadOnlySpan<byte> body) =>
        WriteMessage(output, LevinHeader.ForResponse(command, returnCode, (ulong)body.Length), body);

    /// <summary>A dummy (noise) packet of <paramref name="packetSize"/> bytes in total: flags B|E, command 0, zero body.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="packetSize"/> is smaller than a header.</exception>
    public static int WriteDummy(IBufferWriter<byte> output, int packetSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(packetSize, LevinHeader.Size);

        int bodyLength = packetSize - LevinHeader.Size;
        WriteHeader(output, new LevinHeader((ulong)bodyLength, false, 0, LevinReturnCodes.Ok, LevinFlags.Begin | LevinFlags.End));
        WriteZeros(output, bodyLength);
        return packetSize;
    }

    /// <summary>
    /// One fragment packet carrying <paramref name="piece"/>: command 0, expect_response 0, return code 0 and
    /// <paramref name="position"/> as flags (<see cref="LevinFlags.Begin"/>, <see cref="LevinFlags.None"/> for a
    /// middle piece, or <see cref="LevinFlags.End"/>).
    /// </summary>
    public static int WriteFragment(IBufferWriter<byte> output, LevinFlags position, ReadOnlySpan<byte> piece)
    {
        if ((position & (LevinFlags.Request | LevinFlags.Response)) != 0)
            throw new ArgumentException("A fragment carries neither the Request nor the Response flag.", nameof(position));
        return WriteMessage(output, new LevinHeader((ulong)piece.Length, false, 0, LevinReturnCodes.Ok, position), piece);
    }

    /// <summary>
    /// A notification sent as packets of exactly <paramref name="packetSize"/> bytes, as monerod does on anonymity
    /// networks (make_fragmented_notify): if header + body fit, one notification whose body is zero-padded to fill
    /// the packet; otherwise the whole notification (header + body) is cut into BEGIN / middle / END fragments,
    /// the last one zero-padded.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="packetSize"/> is below <see cref="MinimumFragmentPacketSize"/>.</exception>
    public static int WriteFragmentedNotification(IBufferWriter<byte> output, int packetSize, uint command, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(packetSize, MinimumFragmentPacketSize);

        long innerLength = (long)LevinHeader.Size + body.Length;
        if (innerLength <= packetSize)
        {
            int padding = packetSize - (int)innerLength;
            WriteHeader(output, LevinHeader.ForNotification(command, (ulong)(body.Length + padding)));
            output.Write(body);
            WriteZeros(output, padding);
            return packetSize;
        }

        // The inner header is part of the payload that gets cut up, so build it separately.
        Span<byte> innerHeader = stackalloc byte[LevinHeader.Size];
        LevinHeader.ForNotification(command, (ulong)body.Length).WriteTo(innerHeader);

        int pieceCapacity = packetSize - LevinHeader.Size;
        long remaining = innerLength;
        long payloadOffset = 0;
        int written = 0;
        LevinFlags position = LevinFlags.Begin;
        while (remaining > 0)
        {
            int pieceLength = (int)Math.Min(remaining, pieceCapacity);
            remaining -= pieceLength;
            if (remaining == 0)
                position = LevinFlags.End;

            WriteHeader(output, new LevinHeader((ulong)pieceCapacity, false, 0, LevinReturnCodes.Ok, position));
            WritePayloadSlice(output, innerHeader, body, payloadOffset, pieceLength);
            WriteZeros(output, pieceCapacity - pieceLength);
            payloadOffset += pieceLength;
            written += packetSize;
            position = LevinFlags.None;
        }
        return written;
    }

    private static void WriteHeader(IBufferWriter<byte> output, in LevinHeader header)
    {
        Span<byte> span = output.GetSpan(LevinHeader.Size);
        header.WriteTo(span);
        output.Advance(LevinHeader.Size);
    }

    // Writes payload[offset, offset + length) where payload = innerHeader ++ body, without concatenating them.
    private static void WritePayloadSlice(IBufferWriter<byte> output, ReadOnlySpan<byte> innerHeader, ReadOnlySpan<byte> body, long offset, int length)
    {
        if (offset < innerHeader.Length)
        {
            int fromHeader = (int)Math.Min(innerHeader.Length - offset, length);
            output.Write(innerHeader.Slice((int)offset, fromHeader));
            offset += fromHeader;
            length -= fromHeader;
        }
        output.Write(body.Slice((int)(offset - innerHeader.Length), length));
    }

    private static void WriteZeros(IBufferWriter<byte> output, int count)
    {
        while (count > 0)
        {
            Span<byte> span = output.GetSpan();
            int chunk = Math.Min(span.Length, count);
            span[..chunk].Clear();
            output.Advance(chunk);
            count -= chunk;
        }
    }
}
