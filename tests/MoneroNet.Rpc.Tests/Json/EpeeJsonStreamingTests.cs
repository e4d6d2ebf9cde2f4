using System.IO.Pipelines;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Json;

/// <summary>
/// The measured length and the streamed bytes of a document are exactly those of <see cref="EpeeJsonWriter.Write(RpcJsonObject)"/>,
/// for documents far larger than one flush and for strings that need escaping, are long, or are not ASCII.
/// </summary>
public sealed class EpeeJsonStreamingTests
{
    public static TheoryData<string> Documents => new() { "many connections", "awkward strings", "empty" };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Streamed_and_measured_output_equal_the_written_bytes(string name)
    {
        var document = await BuildAsync(name);
        var written = EpeeJsonWriter.Write(document);

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await EpeeJsonWriter.WriteAsync(document, pipe.Writer, CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        var streamed = await ReadAllAsync(pipe.Reader);

        Assert.Equal(written.Length, EpeeJsonWriter.GetByteCount(document));
        Assert.Equal(written, streamed);
    }

    [Fact]
    public void Deep_nesting_and_many_distinct_names_are_printed_in_monerods_layout()
    {
        // 20 levels: deeper than the prepared separators. 1,500 names in one object: more than the name cache keeps.
        var root = new RpcJsonObject();
        var innermost = root;
        for (var level = 0; level < 20; level++)
        {
            var child = new RpcJsonObject();
            innermost.Set("a", 1UL).Set("b", child);
            innermost = child;
        }

        innermost.Set("x", "/");
        var wide = new RpcJsonObject();
        for (var i = 0; i < 1500; i++) wide.Set($"n{i:D4}", (ulong)i);

        var expected = new System.Text.StringBuilder("{\r\n");
        for (var level = 1; level <= 20; level++)
        {
            expected.Append(' ', 2 * level).Append("\"a\": 1,\r\n").Append(' ', 2 * level).Append("\"b\": {\r\n");
        }

        expected.Append(' ', 42).Append("\"x\": \"\\/\"\r\n");
        for (var level = 20; level >= 1; level--) expected.Append(' ', 2 * level).Append("}\r\n");
        expected.Append('}');
        Assert.Equal(expected.ToString(), EpeeJsonWriter.WriteToString(root));

        var wideExpected = "{\r\n" + string.Join(",\r\n", Enumerable.Range(0, 1500).Select(i => $"  \"n{i:D4}\": {i}")) + "\r\n}";
        Assert.Equal(wideExpected, EpeeJsonWriter.WriteToString(wide));
    }

    [Fact]
    public async Task A_large_document_is_flushed_in_pieces_no_larger_than_the_threshold_plus_one_step()
    {
        var document = await BuildAsync("many connections");
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var recorder = new FlushRecordingWriter(pipe.Writer);

        await EpeeJsonWriter.WriteAsync(document, recorder, CancellationToken.None);

        Assert.Equal(EpeeJsonWriter.GetByteCount(document), recorder.Flushes.Sum());
        Assert.True(recorder.Flushes.Count > 10, $"{recorder.Flushes.Count} flushes");
        // One step is at most one scalar: here a connection_info field, far under a kilobyte.
        Assert.All(recorder.Flushes, length => Assert.InRange(length, 0, EpeeJsonWriter.FlushThreshold + 1024));
    }

    private static async Task<RpcJsonObject> BuildAsync(string name)
    {
        switch (name)
        {
            case "many connections":
                var snapshots = Enumerable.Range(0, 2000)
                    .Select(i => Snapshots.Ipv4(host: $"127.30.{i / 250}.{i % 250 + 1}", port: (ushort)(20000 + i)))
                    .ToArray();
                var method = new GetConnectionsMethod(new FakeNodeQuery(snapshots), TimeProvider.System);
                return (await method.InvokeAsync(RpcParams.Empty, CancellationToken.None)).Result!;
            case "awkward strings":
                return new RpcJsonObject()
                    .Set("escapes", "a\"b\\c/d\be\ff\ng\rh\ti\vj\u0001k")
                    .Set("long", new string('x', 5000) + "/" + new string('\u00e9', 3000))
                    .Set("nested", new RpcJsonObject().Set("list", new RpcJsonArray([new RpcJsonString("\ud83d\ude00"), new RpcJsonString("")])))
                    .Set("numbers", new RpcJsonArray([RpcJsonUnsigned.Of(ulong.MaxValue), new RpcJsonSigned(long.MinValue), new RpcJsonDouble(0.5)]))
                    .Set("\u00fcber", true);
            default:
                return new RpcJsonObject();
        }
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        using var all = new MemoryStream();
        await reader.CopyToAsync(all);
        return all.ToArray();
    }

    /// <summary>Passes writes on and records how many bytes each flush carried.</summary>
    private sealed class FlushRecordingWriter(PipeWriter inner) : PipeWriter
    {
        private long _pending;

        public List<long> Flushes { get; } = [];

        public override void Advance(int bytes)
        {
            _pending += bytes;
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Flushes.Add(_pending);
            _pending = 0;
            return inner.FlushAsync(cancellationToken);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);
    }
}
