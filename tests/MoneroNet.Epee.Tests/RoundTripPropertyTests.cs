using CsCheck;

namespace MoneroNet.Epee.Tests;

public class RoundTripPropertyTests
{
    [Fact]
    public void Random_trees_round_trip_to_identical_bytes()
    {
        TreeGen.Section(depth: 3).Sample(tree =>
        {
            byte[] first = EpeeStorage.ToArray(tree);
            EpeeSection decoded = EpeeStorage.Read(first, EpeeLimits.Rpc);
            Assert.Equal(tree, decoded);
            Assert.Equal(first, EpeeStorage.ToArray(decoded));
        }, iter: 2000);
    }

    [Fact]
    public void ToArray_sized_in_advance_equals_streaming_write()
    {
        TreeGen.Section(depth: 3).Sample(tree =>
        {
            var streamed = new System.Buffers.ArrayBufferWriter<byte>(1);
            EpeeStorage.Write(tree, streamed);
            Assert.Equal(streamed.WrittenSpan.ToArray(), EpeeStorage.ToArray(tree));
        }, iter: 500);
    }

    [Fact]
    public void ToArray_with_a_reserved_prefix_leaves_it_zero_and_encodes_the_same_bytes_after_it()
    {
        Gen.Select(TreeGen.Section(depth: 3), Gen.Int[0, 64]).Sample((tree, prefix) =>
        {
            byte[] plain = EpeeStorage.ToArray(tree);
            byte[] framed = EpeeStorage.ToArray(tree, reservedPrefix: prefix);
            Assert.Equal(prefix + plain.Length, framed.Length);
            Assert.All(framed[..prefix], b => Assert.Equal(0, b));
            Assert.Equal(plain, framed[prefix..]);
        }, iter: 500);
    }

    [Fact]
    public void Random_trees_render_as_valid_json()
    {
        TreeGen.Section(depth: 3).Sample(tree =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(EpeeJson.ToIndentedString(tree));
            Assert.Equal(System.Text.Json.JsonValueKind.Object, doc.RootElement.ValueKind);
        }, iter: 300);
    }
}
