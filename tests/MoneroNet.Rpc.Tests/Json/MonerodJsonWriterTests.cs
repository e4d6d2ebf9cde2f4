using System.IO.Pipelines;
using CsCheck;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Json;

/// <summary>
/// The forward-only writer prints exactly the bytes of the tree renderer it replaced (<see cref="TreeRendererOracle"/>),
/// for random trees and for documents far larger than one pooled segment with strings that need escaping, are long,
/// or are not ASCII; the pooled segments hold those bytes in order, none of them large, and deliver them to a pipe.
/// </summary>
public sealed class MonerodJsonWriterTests
{
    public static TheoryData<string> Documents => new() { "many connections", "awkward strings", "empty" };

    private static readonly Gen<string> GenText = Gen.OneOf(
        Gen.String[Gen.Char['a', 'z'], 0, 8],
        Gen.String[Gen.Char['\u0000', '\u007f'], 0, 12],
        Gen.String[Gen.Char['\u00e0', '\u00ff'], 1, 4],
        Gen.Const("\ud83d\ude00"),
        Gen.Const("\ud800"),
        Gen.Const("a/b\"\\c"));

    private static readonly Gen<RpcJsonValue> GenScalar = Gen.OneOf<RpcJsonValue>(
        GenText.Select(t => (RpcJsonValue)new RpcJsonString(t)),
        Gen.ULong.Select(v => (RpcJsonValue)RpcJsonUnsigned.Of(v)),
        Gen.Long.Select(v => (RpcJsonValue)new RpcJsonSigned(v)),
        Gen.Bool.Select(v => (RpcJsonValue)(v ? RpcJsonBool.True : RpcJsonBool.False)),
        Gen.Double.Select(v => (RpcJsonValue)new RpcJsonDouble(v)));

    /// <summary>Epee's shapes: objects of scalars, objects and homogeneous arrays (of one scalar kind or of objects).</summary>
    private static Gen<RpcJsonObject> GenObject(int depth) =>
        Gen.Select(GenText, GenMember(depth)).List[0, depth == 0 ? 3 : 6].Select(members =>
        {
            var obj = new RpcJsonObject();
            foreach (var (name, value) in members) obj.Set(name, value);
            return obj;
        });

    private static Gen<RpcJsonValue> GenMember(int depth) => depth >= 3
        ? GenScalar
        : Gen.Frequency(
            (4, GenScalar),
            (1, Gen.Int[0, 10].SelectMany(_ => GenObject(depth + 1)).Select(o => (RpcJsonValue)o)),
            (1, GenScalar.SelectMany(first => Gen.Int[0, 4].Select(n => (RpcJsonValue)SameKindArray(first, n)))),
            (1, GenObject(depth + 1).List[0, 3].Select(items => (RpcJsonValue)new RpcJsonArray(items))));

    /// <summary>An array of <paramref name="count"/> copies of <paramref name="first"/>'s kind (homogeneous, as epee's are).</summary>
    private static RpcJsonArray SameKindArray(RpcJsonValue first, int count)
    {
        var array = new RpcJsonArray();
        for (var i = 0; i < count; i++) array.Add(first);
        return array;
    }

    [Fact]
    public void Random_trees_are_printed_byte_for_byte_as_the_tree_renderer_printed_them()
    {
        GenObject(0).Sample(tree =>
        {
            var expected = TreeRendererOracle.Render(tree);
            Assert.Equal(expected, EpeeJsonWriter.Write(tree));
        }, iter: 2000);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Pooled_segments_hold_the_oracles_bytes_and_deliver_them_to_a_pipe(string name)
    {
        var document = await BuildAsync(name);
        var expected = TreeRendererOracle.Render(document);

        using var body = new PooledSegmentBuffer();
        EpeeJsonWriter.Write(document, body);
        Assert.Equal(expected.Length, body.Length);
        Assert.Equal(expected, body.ToArray());
        // No segment reaches the large-object heap's 85,000 bytes: the 2,000-connection document spans many.
        Assert.All(body.Segments, segment => Assert.InRange(segment.Length, 1, PooledSegmentBuffer.SegmentSize));
        if (name == "many connections") Assert.True(body.Segments.Count() > 10, $"{body.Segments.Count()} segments");

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        Assert.True(await body.CopyToAsync(pipe.Writer, CancellationToken.None));
        await pipe.Writer.CompleteAsync();
        Assert.Equal(expected, await ReadAllAsync(pipe.Reader));
    }

    [Fact]
    public void The_writer_refuses_what_monerod_could_not_print()
    {
        var writer = new MonerodJsonWriter(new PooledSegmentBuffer());
        Assert.Throws<InvalidOperationException>(() => writer.WritePropertyName("x"u8));
        writer.WriteStartArray();
        Assert.Throws<InvalidOperationException>(() => writer.WritePropertyName("x"u8));
        Assert.Throws<InvalidOperationException>(writer.WriteEndObject);
        writer.WriteEndArray();
        Assert.True(writer.IsComplete);
        Assert.Throws<InvalidOperationException>(() => writer.WriteNumber(1UL));
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

    private static Task<RpcJsonObject> BuildAsync(string name) => Task.FromResult(Build(name));

    private static RpcJsonObject Build(string name)
    {
        switch (name)
        {
            case "many connections":
                var snapshots = Enumerable.Range(0, 2000)
                    .Select(i => Snapshots.Ipv4(host: $"127.30.{i / 250}.{i % 250 + 1}", port: (ushort)(20000 + i)))
                    .ToArray();
                var connections = new RpcJsonArray(snapshots.Select(s => ConnectionInfoFormatter.Format(s, 1_800_000_000)));
                return RpcResponseBase.WithStatusOk(new RpcJsonObject().Set("connections", connections));
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
}
