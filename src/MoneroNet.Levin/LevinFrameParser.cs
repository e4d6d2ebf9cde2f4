using System.Buffers;

namespace MoneroNet.Levin;

/// <summary>
/// Incremental Levin frame parser for one connection, in the style of Kestrel's parsers: each call
/// looks at the front of the caller's buffer and either consumes exactly one packet or nothing.
/// </summary>
/// <remarks>
/// <para>Checks happen in monerod's order (async_protocol_handler::handle_recv): the signature as soon
/// as 8 bytes are there, the header at 33 bytes, the declared body length against
/// min(<see cref="MaxPacketSize"/>, per-command cap) before any body byte is awaited, and the body
/// plus the pending reassembly bytes against <see cref="MaxPacketSize"/>. So the caller never needs to
/// buffer more than 33 + <see cref="MaxPacketSize"/> bytes for an incomplete packet, and no allocation
/// depends on a declared length.</para>
/// <para>Fragments (neither Q nor S set): a BEGIN packet clears the reassembly buffer, each body is
/// appended, and an END packet yields the inner message: a Levin header read from the start of the
/// reassembled bytes followed by exactly its declared body length. Like monerod master (and unlike
/// 0.18, which hands over the padding too) the inner body is truncated to its declared length and a
/// shorter buffer is rejected. The inner signature is not checked, as in monerod. Dummy packets
/// (B and E, neither Q nor S) are skipped without touching the reassembly buffer.</para>
/// <para>Not thread-safe; one instance per connection. Dispose it to return its reassembly buffer to the pool.</para>
/// </remarks>
public sealed class LevinFrameParser : IDisposable
{
    // Reassembly buffers up to this size are kept for the next fragmented message; larger ones go back to the pool.
    private const int RetainedFragmentCapacity = 64 * 1024;
    private const int MinimumFragmentCapacity = 4 * 1024;

    private int _maxPacketSize;
    private byte[]? _fragments;
    private int _fragmentLength;

    // A reassembled message's body points into _fragments; it is only released at the next call.
    private bool _releaseDeliveredFragments;
    private long _streamOffset;

    /// <summary>
    /// A parser that refuses packets larger than <paramref name="maxPacketSize"/> (header included); raise it with
    /// <see cref="MaxPacketSize"/> after the handshake, as monerod does (docs/PROTOCOL.md §2.5).
    /// </summary>
    public LevinFrameParser(int maxPacketSize = LevinLimits.InitialMaxPacketSize)
    {
        MaxPacketSize = maxPacketSize;
    }

    /// <summary>
    /// Largest packet body accepted, and bound of all bytes held for one incomplete message. The P2P layer
    /// raises it from <see cref="LevinLimits.InitialMaxPacketSize"/> to <see cref="LevinLimits.DefaultMaxPacketSize"/>
    /// after the handshake; the new value applies from the next call.
    /// </summary>
    public int MaxPacketSize
    {
        get => _maxPacketSize;
        set
        {
            if (value < 0 || value > Array.MaxLength)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The max packet size must be between 0 and {Array.MaxLength}.");
            _maxPacketSize = value;
        }
    }

    /// <summary>Bytes of a fragmented message received so far (0 when none is in progress).</summary>
    public int PendingFragmentBytes => _releaseDeliveredFragments ? 0 : _fragmentLength;

    /// <summary>Stream offset of the next packet: total bytes consumed since construction or <see cref="Reset"/>.</summary>
    public long StreamOffset => _streamOffset;

    /// <summary>
    /// Parses the packet at the front of <paramref name="buffer"/>. On <see cref="LevinParseStatus.Message"/> and
    /// <see cref="LevinParseStatus.Skipped"/> the packet is sliced off <paramref name="buffer"/>; on
    /// <see cref="LevinParseStatus.NeedMoreData"/> and <see cref="LevinParseStatus.Error"/> it is left as it was.
    /// Never throws.
    /// </summary>
    public LevinParseStatus TryParse(ref ReadOnlySequence<byte> buffer, out LevinMessage message, out LevinError error)
    {
        message = default;
        error = default;
        ReleaseDeliveredFragments();

        long available = buffer.Length;
        if (available < LevinHeader.SignatureSize)
            return LevinParseStatus.NeedMoreData;

        Span<byte> headerBytes = stackalloc byte[LevinHeader.Size];
        int headerAvailable = (int)Math.Min(available, LevinHeader.Size);
        headerBytes = headerBytes[..headerAvailable];
        buffer.Slice(0, headerAvailable).CopyTo(headerBytes);

        if (!LevinHeader.HasSignature(headerBytes))
        {
            error = new LevinError(LevinErrorKind.BadSignature, _streamOffset,
                $"Expected the Levin signature, got 0x{Convert.ToHexString(headerBytes[..LevinHeader.SignatureSize])} (bytes in wire order).");
            return LevinParseStatus.Error;
        }

        if (headerAvailable < LevinHeader.Size)
            return LevinParseStatus.NeedMoreData;

        LevinHeader header = LevinHeader.ReadFields(headerBytes);
        if (!CheckBodyLength(header, "packet", out error))
            return LevinParseStatus.Error;

        // monerod bounds the not-yet-processed bytes plus the reassembly buffer by the max packet size.
        // No overflow: the body length was just checked to be at most the max packet size (an int).
        if ((ulong)_fragmentLength + header.BodyLength > (ulong)_maxPacketSize)
        {
            error = new LevinError(LevinErrorKind.FragmentTooLarge, _streamOffset,
                $"Body length {header.BodyLength} of command {header.Command} plus {_fragmentLength} pending fragment bytes exceeds the max packet size {_maxPacketSize}.");
            return LevinParseStatus.Error;
        }

        long frameLength = LevinHeader.Size + (long)header.BodyLength;
        if (available < frameLength)
            return LevinParseStatus.NeedMoreData;

        ReadOnlySequence<byte> body = buffer.Slice(LevinHeader.Size, (long)header.BodyLength);
        ReadOnlySequence<byte> rest = buffer.Slice(body.End);
        long frameOffset = _streamOffset;

        if (!header.IsFragmentOrDummy)
        {
            Consume(ref buffer, rest, frameLength);
            message = new LevinMessage(header, body);
            return LevinParseStatus.Message;
        }

        if (header.IsDummy)
        {
            Consume(ref buffer, rest, frameLength);
            return LevinParseStatus.Skipped;
        }

        if ((header.Flags & LevinFlags.Begin) != 0)
            _fragmentLength = 0;
        AppendFragment(body);

        if ((header.Flags & LevinFlags.End) == 0)
        {
            Consume(ref buffer, rest, frameLength);
            return LevinParseStatus.Skipped;
        }

        // Whatever the outcome, an END empties the reassembly buffer (after the caller is done with it).
        _releaseDeliveredFragments = true;
        LevinParseStatus status = TryTakeReassembled(frameOffset, out message, out error);
        if (status != LevinParseStatus.Error)
            Consume(ref buffer, rest, frameLength);
        return status;
    }

    /// <summary>Forgets any partial fragmented message and restarts the stream offset at 0; keeps <see cref="MaxPacketSize"/>.</summary>
    public void Reset()
    {
        _fragmentLength = 0;
        _releaseDeliveredFragments = false;
        _streamOffset = 0;
        ReturnFragmentBuffer();
    }

    /// <summary>Returns the reassembly buffer to the pool; a message it delivered is no longer valid after this.</summary>
    public void Dispose()
    {
        _fragmentLength = 0;
        _releaseDeliveredFragments = false;
        ReturnFragmentBuffer();
    }

    private LevinParseStatus TryTakeReassembled(long frameOffset, out LevinMessage message, out LevinError error)
    {
        message = default;
        if (_fragmentLength < LevinHeader.Size)
        {
            error = new LevinError(LevinErrorKind.FragmentTooShortForHeader, frameOffset,
                $"The reassembled fragments hold {_fragmentLength} bytes, fewer than a {LevinHeader.Size}-byte Levin header.");
            return LevinParseStatus.Error;
        }

        ReadOnlySpan<byte> reassembled = _fragments.AsSpan(0, _fragmentLength);
        LevinHeader inner = LevinHeader.ReadFields(reassembled);
        ulong innerAvailable = (ulong)(_fragmentLength - LevinHeader.Size);
        if (innerAvailable < inner.BodyLength)
        {
            error = new LevinError(LevinErrorKind.FragmentTruncated, frameOffset,
                $"The reassembled message of command {inner.Command} declares {inner.BodyLength} body bytes but only {innerAvailable} were received.");
            return LevinParseStatus.Error;
        }

        if (!CheckBodyLength(inner, "reassembled message", frameOffset, out error))
            return LevinParseStatus.Error;

        var body = new ReadOnlySequence<byte>(_fragments!, LevinHeader.Size, (int)inner.BodyLength);
        message = new LevinMessage(inner, body, wasFragmented: true);
        return LevinParseStatus.Message;
    }

    private bool CheckBodyLength(in LevinHeader header, string what, out LevinError error) =>
        CheckBodyLength(header, what, _streamOffset, out error);

    private bool CheckBodyLength(in LevinHeader header, string what, long frameOffset, out LevinError error)
    {
        ulong limit = LevinLimits.EffectiveMaxBody(header.Command, _maxPacketSize);
        if (header.BodyLength <= limit)
        {
            error = default;
            return true;
        }

        error = new LevinError(LevinErrorKind.PacketTooLarge, frameOffset,
            $"The {what} of command {header.Command} declares {header.BodyLength} body bytes; the limit is {limit} (max packet size {_maxPacketSize}, command cap {LevinLimits.MaxBodyFor(header.Command)}).");
        return false;
    }

    private void Consume(ref ReadOnlySequence<byte> buffer, in ReadOnlySequence<byte> rest, long frameLength)
    {
        buffer = rest;
        _streamOffset += frameLength;
    }

    // The caller has checked that _fragmentLength + piece.Length <= MaxPacketSize <= Array.MaxLength.
    private void AppendFragment(in ReadOnlySequence<byte> piece)
    {
        int required = _fragmentLength + (int)piece.Length;
        if (_fragments is null || _fragments.Length < required)
        {
            int grown = _fragments is null ? MinimumFragmentCapacity : (int)Math.Min((long)_fragments.Length * 2, _maxPacketSize);
            int capacity = Math.Max(required, grown);
            // Beyond 1 MiB the buffer is the message's own: the shared pool would keep a 100 MB array after it.
            byte[] larger = capacity <= PooledFragmentLimit ? ArrayPool<byte>.Shared.Rent(capacity) : GC.AllocateUninitializedArray<byte>(capacity);
            if (_fragments is not null)
            {
                _fragments.AsSpan(0, _fragmentLength).CopyTo(larger);
                ReturnToPoolIfPooled(_fragments);
            }
            _fragments = larger;
        }

        piece.CopyTo(_fragments.AsSpan(_fragmentLength));
        _fragmentLength = required;
    }

    private void ReleaseDeliveredFragments()
    {
        if (!_releaseDeliveredFragments)
            return;
        _releaseDeliveredFragments = false;
        _fragmentLength = 0;
        if (_fragments is { Length: > RetainedFragmentCapacity })
            ReturnFragmentBuffer();
    }

    private void ReturnFragmentBuffer()
    {
        if (_fragments is null)
            return;
        ReturnToPoolIfPooled(_fragments);
        _fragments = null;
    }

    private const int PooledFragmentLimit = 1024 * 1024;

    private static void ReturnToPoolIfPooled(byte[] buffer)
    {
        if (buffer.Length <= PooledFragmentLimit) ArrayPool<byte>.Shared.Return(buffer);
    }
}
