using System.Text;
using CsCheck;
using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Tests.Json;

/// <summary>
/// An object keeps its names in UTF-8 byte order whatever order they are set in, in its list form (in-order and
/// small objects) and after it has moved to a tree (out-of-order names into a large object).
/// </summary>
public sealed class EpeeObjectOrderTests
{
    private static readonly Gen<string> GenName = Gen.OneOf(
        Gen.String[Gen.Char['a', 'z'], 1, 6],
        Gen.String[Gen.Char['\u00e0', '\u00ff'], 1, 3],
        Gen.Const("\ud83d\ude00"),
        Gen.Const("\uffff"));

    [Fact]
    public void Names_come_out_in_utf8_byte_order_with_the_last_value_set()
    {
        Gen.Select(GenName, Gen.ULong).List[0, 200].Sample(sets =>
        {
            var obj = new RpcJsonObject();
            var expected = new Dictionary<string, ulong>();
            foreach (var (name, value) in sets)
            {
                obj.Set(name, value);
                expected[name] = value;
            }

            var expectedOrder = expected.Keys.OrderBy(Encoding.UTF8.GetBytes, ByteOrder.Instance).ToList();
            Assert.Equal(expectedOrder, obj.Entries.Select(e => e.Key).ToList());
            Assert.Equal(expected.Count, obj.Count);
            foreach (var (name, value) in expected)
            {
                Assert.Equal(value, Assert.IsType<RpcJsonUnsigned>(obj[name]).Value);
            }
        });
    }

    [Fact]
    public void Remove_and_print_work_in_both_forms()
    {
        foreach (var count in new[] { 10, 300 })
        {
            // Reverse order: the large object moves to a tree on its 65th name, the small one never does.
            var obj = new RpcJsonObject();
            for (var i = count - 1; i >= 0; i--)
            {
                obj.Set($"k{i:D4}", (ulong)i);
            }

            Assert.True(obj.Remove("k0003"));
            Assert.False(obj.Remove("k0003"));
            Assert.Null(obj["k0003"]);
            var printed = EpeeJsonWriter.WriteToString(obj);
            var expected = "{\r\n" + string.Join(",\r\n", Enumerable.Range(0, count).Where(i => i != 3).Select(i => $"  \"k{i:D4}\": {i}")) + "\r\n}";
            Assert.Equal(expected, printed);

            // After printing, the object can still be changed and stays ordered.
            obj.Set("k0003", 3UL);
            obj.Set("a", 1UL);
            Assert.Equal("a", obj.Entries.First().Key);
            Assert.Equal(count + 1, obj.Count);
        }
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
