using System.Text;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Json;

public sealed class EpeeJsonWriterTests
{
    [Fact]
    public void Writes_the_E_three_states_body_of_monerod_byte_for_byte_from_values()
    {
        var monerod = Transcript.Load("get_connections__E_three_states.txt").Response!.Body;

        var connections = new RpcJsonArray();
        foreach (var (address, host, id, height, peer, port, recv, send, state, flags) in new[]
                 {
                     ("127.0.0.22:35365", "127.0.0.22", "a32269a357504251916d72d978e5211d", 1UL, "0102030405060708", "35365", 338UL, 338UL, "normal", 1UL),
                     ("127.0.0.21:55865", "127.0.0.21", "6cff591fb55f4b66b7a1130b5888383a", 5UL, "1122334455667788", "55865", 295UL, 382UL, "synchronizing", 1UL),
                     ("127.0.0.20:54057", "127.0.0.20", "0859d8e6ad3742569251500573cd6d6c", 0UL, "0000000000000000", "54057", 0UL, 0UL, "before_handshake", 0UL),
                 })
        {
            // Keys deliberately set out of order: the writer sorts them.
            connections.Add(new RpcJsonObject()
                .Set("support_flags", flags).Set("state", state).Set("send_idle_time", 6UL).Set("send_count", send)
                .Set("rpc_port", 0UL).Set("rpc_credits_per_hash", 0UL).Set("recv_idle_time", 6UL).Set("recv_count", recv)
                .Set("pruning_seed", 0UL).Set("port", port).Set("peer_id", peer).Set("localhost", true).Set("local_ip", false)
                .Set("live_time", 6UL).Set("ip", host).Set("incoming", true).Set("host", host).Set("height", height)
                .Set("current_upload", 0UL).Set("current_download", 0UL).Set("connection_id", id).Set("avg_upload", 0UL)
                .Set("avg_download", 0UL).Set("address_type", 1UL).Set("address", address));
        }

        var envelope = new RpcJsonObject()
            .Set("result", new RpcJsonObject().Set("untrusted", false).Set("status", "OK").Set("connections", connections))
            .Set("jsonrpc", "2.0")
            .Set("id", 7UL);

        Assert.Equal(Encoding.UTF8.GetString(monerod), EpeeJsonWriter.WriteToString(envelope));
        Assert.Equal(monerod, EpeeJsonWriter.Write(envelope));
    }

    [Fact]
    public void Writes_an_error_envelope_with_a_negative_code_and_an_object_id()
    {
        var expected = "{\r\n  \"error\": {\r\n    \"code\": -32601,\r\n    \"message\": \"Method not found\"\r\n  },\r\n"
            + "  \"id\": {\r\n    \"a\": 1\r\n  },\r\n  \"jsonrpc\": \"2.0\"\r\n}";
        var envelope = new RpcJsonObject()
            .Set("jsonrpc", "2.0")
            .Set("id", new RpcJsonObject().Set("a", 1UL))
            .Set("error", new RpcJsonObject().Set("message", "Method not found").Set("code", -32601L));
        Assert.Equal(expected, EpeeJsonWriter.WriteToString(envelope));
    }

    [Fact]
    public void Empty_objects_and_empty_arrays()
    {
        var root = new RpcJsonObject().Set("a", new RpcJsonObject()).Set("b", new RpcJsonArray());
        Assert.Equal("{\r\n  \"a\": {\r\n  },\r\n  \"b\": []\r\n}", EpeeJsonWriter.WriteToString(root));
        Assert.Equal("{\r\n}", EpeeJsonWriter.WriteToString(new RpcJsonObject()));
    }

    [Fact]
    public void Scalar_arrays_are_inline_and_object_arrays_nest_at_the_keys_level()
    {
        var inner = new RpcJsonObject().Set("x", new RpcJsonArray([new RpcJsonObject().Set("y", 1UL), new RpcJsonObject().Set("y", 2UL)]));
        var root = new RpcJsonObject()
            .Set("numbers", new RpcJsonArray([new RpcJsonUnsigned(1), new RpcJsonUnsigned(2), new RpcJsonUnsigned(3)]))
            .Set("strings", new RpcJsonArray([new RpcJsonString("a"), new RpcJsonString("b/c")]))
            .Set("bools", new RpcJsonArray([RpcJsonBool.True, RpcJsonBool.False]))
            .Set("nested", inner);
        var expected = "{\r\n"
            + "  \"bools\": [true,false],\r\n"
            + "  \"nested\": {\r\n"
            + "    \"x\": [{\r\n      \"y\": 1\r\n    },{\r\n      \"y\": 2\r\n    }]\r\n"
            + "  },\r\n"
            + "  \"numbers\": [1,2,3],\r\n"
            + "  \"strings\": [\"a\",\"b\\/c\"]\r\n"
            + "}";
        Assert.Equal(expected, EpeeJsonWriter.WriteToString(root));
    }

    [Fact]
    public void Escapes_like_monerod_0_18_and_leaves_other_control_characters_raw()
    {
        var root = new RpcJsonObject().Set("s", "a\b\f\n\r\t\v\"\\/\u0001\u001f\u007fé");
        var written = EpeeJsonWriter.Write(root);
        var expected = Encoding.UTF8.GetBytes("{\r\n  \"s\": \"a\\b\\f\\n\\r\\t\\v\\\"\\\\\\/\u0001\u001f\u007fé\"\r\n}");
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Subnet_text_gets_its_slash_escaped_as_in_the_get_bans_capture()
    {
        var monerod = Transcript.Load("get_bans__after_set.txt").Response!.BodyText;
        Assert.Contains("\"198.51.100.0\\/24\"", monerod, StringComparison.Ordinal);
        var ours = EpeeJsonWriter.WriteToString(new RpcJsonObject().Set("host", "198.51.100.0/24"));
        Assert.Contains("\"198.51.100.0\\/24\"", ours, StringComparison.Ordinal);
    }

    [Fact]
    public void Integers_are_written_in_full()
    {
        var root = new RpcJsonObject().Set("max", ulong.MaxValue).Set("min", long.MinValue);
        Assert.Equal("{\r\n  \"max\": 18446744073709551615,\r\n  \"min\": -9223372036854775808\r\n}", EpeeJsonWriter.WriteToString(root));
    }

    [Fact]
    public void Keys_are_ordered_by_utf8_bytes()
    {
        // U+FF5E sorts before U+1F600 in UTF-16 ordinal order but after it in UTF-8 byte order... the other way round:
        // UTF-16: D83D (😀) < FF5E; UTF-8: EF BD 9E (～) < F0 9F 98 80 (😀).
        var root = new RpcJsonObject().Set("😀", 1UL).Set("～", 2UL).Set("B", 3UL).Set("a", 4UL).Set("_", 5UL);
        Assert.Equal(["B", "_", "a", "～", "😀"], root.Entries.Select(e => e.Key));
    }

    [Theory]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e20, "1e+20")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(123456.0, "123456")]
    [InlineData(1234567.0, "1.23457e+06")]
    [InlineData(999999.5, "1e+06")]
    [InlineData(3.14159265, "3.14159")]
    [InlineData(100.0, "100")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(1e-300, "1e-300")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void Doubles_use_the_default_ostream_format(double value, string expected)
    {
        Assert.Equal(expected, CDoubleFormat.Format(value));
    }

    [Fact]
    public void Arrays_refuse_nesting_and_mixed_kinds()
    {
        var array = new RpcJsonArray().Add(new RpcJsonString("x"));
        Assert.Throws<ArgumentException>(() => array.Add(new RpcJsonUnsigned(1)));
        Assert.Throws<ArgumentException>(() => array.Add(new RpcJsonArray()));
    }
}
