using System.Text;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Json;

public sealed class EpeeJsonReaderTests
{
    private static RpcJsonObject? Parse(string text) => EpeeJsonReader.Parse(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("hello")]
    [InlineData("{bad}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":}")]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"get_info\"}]")]
    [InlineData("\"text\"")]
    [InlineData("5")]
    [InlineData("{\"a\":[[1]]}")]
    [InlineData("{\"a\":[1,\"x\"]}")]
    [InlineData("{\"a\":[1,-1]}")]
    [InlineData("{\"a\":[null]}")]
    [InlineData("{\"a\":[1,]}")]
    [InlineData("{,}")]
    [InlineData("{\"a\":18446744073709551616}")]
    [InlineData("{\"a\":-9223372036854775809}")]
    [InlineData("{\"a\":1e999}")]
    [InlineData("{\"a\":1e-999}")]
    [InlineData("{\"a\":nope}")]
    public void Rejects_what_monerod_answers_with_parse_error(string text)
    {
        Assert.Null(Parse(text));
    }

    [Theory]
    [InlineData("{\"a\":1")]        // ends inside a number
    [InlineData("{\"a\":-")]
    [InlineData("{\"a\":\"abc")]    // ends inside a string
    [InlineData("{\"a\":tru")]      // ends inside a word
    [InlineData("{\"a\":true")]     // a word needs something after it
    [InlineData("{\"a\":null")]
    [InlineData("{\"a\":[1,2")]
    public void Text_ending_inside_a_token_is_an_error(string text)
    {
        Assert.Null(Parse(text));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("  \r\n\t", 0)]
    [InlineData("{", 0)]
    [InlineData("{\"a\"", 0)]
    [InlineData("{\"a\" ", 0)]
    [InlineData("{\"a\":", 0)]
    [InlineData("{\"a\":1,", 1)]
    [InlineData("{\"a\":1 ", 1)]
    [InlineData("{\"a\":\"x\"", 1)]
    [InlineData("{\"a\":true ", 1)]
    [InlineData("{\"a\":{", 1)]
    [InlineData("{\"a\":[", 0)]
    [InlineData("{\"a\":[1,", 1)]
    [InlineData("{\"a\":1,}", 1)]
    public void A_truncated_object_is_kept_as_far_as_it_goes(string text, int keys)
    {
        var parsed = Parse(text);
        Assert.NotNull(parsed);
        Assert.Equal(keys, parsed.Count);
    }

    [Fact]
    public void The_truncated_request_of_the_bad_json_capture_has_no_method()
    {
        var parsed = Parse(Transcript.Load("error__bad_json.txt").RequestBody);
        Assert.NotNull(parsed);
        Assert.Equal("2.0", Assert.IsType<RpcJsonString>(parsed["jsonrpc"]).Value);
        Assert.Null(parsed["method"]);
    }

    [Fact]
    public void Anything_after_the_root_object_is_ignored()
    {
        var parsed = Parse("{\"a\":1} trailing [garbage");
        Assert.Equal(1UL, Assert.IsType<RpcJsonUnsigned>(parsed!["a"]).Value);
    }

    [Fact]
    public void Numbers_take_monerods_kinds()
    {
        var parsed = Parse("{\"u\":18446744073709551615,\"i\":-5,\"z\":-0,\"d\":-1.5,\"e\":2e3}")!;
        Assert.Equal(ulong.MaxValue, Assert.IsType<RpcJsonUnsigned>(parsed["u"]).Value);
        Assert.Equal(-5, Assert.IsType<RpcJsonSigned>(parsed["i"]).Value);
        Assert.Equal(0, Assert.IsType<RpcJsonSigned>(parsed["z"]).Value);
        Assert.Equal(-1.5, Assert.IsType<RpcJsonDouble>(parsed["d"]).Value);
        Assert.Equal(2000.0, Assert.IsType<RpcJsonDouble>(parsed["e"]).Value);
    }

    [Fact]
    public void Null_values_and_empty_arrays_leave_the_key_out()
    {
        var parsed = Parse("{\"n\":null,\"e\":[],\"k\":1}")!;
        Assert.Equal(["k"], parsed.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Arrays_of_objects_strings_and_booleans()
    {
        var parsed = Parse("{\"o\":[{\"x\":1},{\"x\":2}],\"s\":[\"a\",\"b\"],\"b\":[true,false]}")!;
        Assert.Equal(2, Assert.IsType<RpcJsonArray>(parsed["o"]).Count);
        Assert.Equal(["a", "b"], Assert.IsType<RpcJsonArray>(parsed["s"]).Items.Select(i => ((RpcJsonString)i).Value));
        Assert.Equal([true, false], Assert.IsType<RpcJsonArray>(parsed["b"]).Items.Select(i => ((RpcJsonBool)i).Value));
    }

    [Fact]
    public void Strings_are_unescaped()
    {
        var parsed = Parse("{\"s\":\"a\\/b\\n\\u00e9\\\"\"}")!;
        Assert.Equal("a/b\né\"", Assert.IsType<RpcJsonString>(parsed["s"]).Value);
    }

    [Fact]
    public void Objects_nest_one_hundred_deep_and_no_deeper()
    {
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

        Assert.NotNull(Parse(Nested(EpeeJsonReader.MaxObjectNesting)));
        Assert.Null(Parse(Nested(EpeeJsonReader.MaxObjectNesting + 1)));
    }

    [Fact]
    public void Parsing_then_writing_a_monerod_body_gives_the_same_bytes()
    {
        foreach (var name in new[] { "get_connections__B_outgoing.txt", "id__object_id.txt", "get_bans__after_set.txt", "get_info__uri__B.txt" })
        {
            var body = Transcript.Load(name).Response!.Body;
            var parsed = EpeeJsonReader.Parse(body);
            Assert.NotNull(parsed);
            Assert.Equal(Encoding.UTF8.GetString(body), EpeeJsonWriter.WriteToString(parsed));
        }
    }
}
