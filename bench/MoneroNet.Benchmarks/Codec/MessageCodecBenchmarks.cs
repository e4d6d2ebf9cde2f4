using System.Buffers;
using BenchmarkDotNet.Attributes;
using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.TestSupport;
using MoneroNet.Wire;

namespace MoneroNet.Benchmarks.Codec;

/// <summary>
/// The receive and send paths of one Levin message, layer by layer: the epee tree alone, the typed message on top of
/// it, and the Levin frame parser in front of both. Derived classes supply the message (one complete Levin frame).
/// </summary>
/// <remarks>
/// Each step is measured separately so that the allocation columns add up: Typed_Decode ≈ Epee_Read +
/// Typed_FromSection, Typed_Encode ≈ Typed_ToSection + the write of that (unsorted) tree.
/// </remarks>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "BenchmarkDotNet owns the instance's lifetime; [GlobalCleanup] disposes the parser.")]
public abstract class MessageCodecBenchmarks<T> where T : class, IWireMessage<T>
{
    private byte[] _frame = [];
    private byte[] _body = [];
    private EpeeSection _section = null!;
    private T _message = null!;
    private ReadOnlySequence<byte> _frameSequence;
    private ReadOnlySequence<byte> _segmentedFrame;
    private LevinFrameParser _parser = null!;

    /// <summary>One complete Levin message (33-byte header + body) whose body decodes as <typeparamref name="T"/>.</summary>
    protected abstract byte[] CreateFrame();

    [GlobalSetup]
    public void Setup()
    {
        _frame = CreateFrame();
        _body = _frame.AsSpan(LevinHeader.Size).ToArray();
        _section = EpeeStorage.Read(_body, EpeeLimits.Levin);
        _message = T.FromSection(_section);
        _frameSequence = new ReadOnlySequence<byte>(_frame);
        _segmentedFrame = SegmentedSequence.SplitEvery(_frame, SegmentedSequence.PipeSegmentSize);
        // The largest limit: the parser's per-command caps still apply, and a 250-peer handshake response is
        // legitimately larger than the pre-handshake limit.
        _parser = new LevinFrameParser(LevinLimits.DefaultMaxPacketSize);

        // Benchmarks of a codec that does not round-trip would measure the wrong thing.
        if (!EpeeStorage.ToArray(_message.ToSection()).AsSpan().SequenceEqual(_body))
            throw new InvalidOperationException($"{typeof(T).Name}: typed re-encoding differs from the message body");
        if (ParseFrame(_segmentedFrame).Length != _body.Length)
            throw new InvalidOperationException($"{typeof(T).Name}: the Levin parser did not return the whole body");
    }

    [GlobalCleanup]
    public void Cleanup() => _parser.Dispose();

    /// <summary>Body bytes → epee tree.</summary>
    [Benchmark]
    public EpeeSection Epee_Read() => EpeeStorage.Read(_body, EpeeLimits.Levin);

    /// <summary>Epee tree (as decoded, keys already in wire order) → body bytes.</summary>
    [Benchmark]
    public byte[] Epee_Write() => EpeeStorage.ToArray(_section);

    /// <summary>Decoded epee tree → typed message.</summary>
    [Benchmark]
    public T Typed_FromSection() => T.FromSection(_section);

    /// <summary>Body bytes → typed message (what the P2P layer does with every received body).</summary>
    [Benchmark]
    public T Typed_Decode() => T.FromSection(EpeeStorage.Read(_body, EpeeLimits.Levin));

    /// <summary>Typed message → epee tree (keys in insertion order, the writer sorts them).</summary>
    [Benchmark]
    public EpeeSection Typed_ToSection() => _message.ToSection();

    /// <summary>Typed message → body bytes (what the P2P layer does for every sent body).</summary>
    [Benchmark]
    public byte[] Typed_Encode() => EpeeStorage.ToArray(_message.ToSection());

    /// <summary>Levin frame parse alone, over a single-segment sequence of the complete message.</summary>
    [Benchmark]
    public long Levin_Parse() => ParseFrame(_frameSequence).Length;

    /// <summary>
    /// The whole receive path over the buffer shape a pipe delivers (4 KiB segments): frame parse, then the body
    /// decoded to the typed message (a multi-segment body is first copied into a pooled buffer).
    /// </summary>
    [Benchmark]
    public T Levin_ParseAndDecode_Segmented()
    {
        ReadOnlySequence<byte> body = ParseFrame(_segmentedFrame);
        return T.FromSection(EpeeStorage.Read(body, EpeeLimits.Levin));
    }

    private ReadOnlySequence<byte> ParseFrame(ReadOnlySequence<byte> buffer)
    {
        LevinParseStatus status = _parser.TryParse(ref buffer, out LevinMessage message, out LevinError error);
        if (status != LevinParseStatus.Message)
            throw new InvalidOperationException($"Levin parse gave {status}: {error}");
        return message.Body;
    }
}
