using System.Text.Json;

namespace MoneroNet.Epee.Tests;

public class EpeeJsonTests
{
    [Fact]
    public void Handshake_renders_typed_values()
    {
        var root = EpeeStorage.Read(TestVectors.Body("p2p_testnet/handshake_request.hex"), EpeeLimits.Levin);
        using var doc = JsonDocument.Parse(EpeeJson.ToIndentedString(root));
        var node = doc.RootElement.GetProperty("node_data");
        Assert.Equal(39220u, node.GetProperty("my_port").GetUInt32());
        Assert.Equal(0x63744fe4d3092b75UL, node.GetProperty("peer_id").GetUInt64());
        Assert.Equal("hex:1230f171610441611731008216a1a111", node.GetProperty("network_id").GetString());
        Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("payload_data").GetProperty("top_version").ValueKind);
    }

    [Fact]
    public void Conventions_for_each_kind_of_value()
    {
        var inner = new EpeeSection();
        inner.Add("n", EpeeValue.FromInt8(-1));
        var arr = new EpeeArray(EpeeType.Object);
        arr.Add(EpeeValue.FromSection(inner));
        var root = new EpeeSection();
        root.Add("u64", EpeeValue.FromUInt64(ulong.MaxValue));
        root.Add("i64", EpeeValue.FromInt64(long.MinValue));
        root.Add("d", EpeeValue.FromDouble(0.25));
        root.Add("nan", EpeeValue.FromDouble(double.NaN));
        root.Add("b", EpeeValue.FromBool(true));
        root.Add("text", EpeeValue.FromString("OK ü"));
        root.Add("empty", EpeeValue.FromBytes([]));
        root.Add("blob", EpeeValue.FromBytes([0x00, 0xff]));
        root.Add("ctl", EpeeValue.FromString("a\nb"));
        root.Add("fake", EpeeValue.FromString("hex:00"));
        root.Add("objs", EpeeValue.FromArray(arr));

        string json = EpeeJson.ToIndentedString(root);
        Assert.Contains("\n", json); // indented
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        Assert.Equal(ulong.MaxValue, r.GetProperty("u64").GetUInt64());
        Assert.Equal(long.MinValue, r.GetProperty("i64").GetInt64());
        Assert.Equal(0.25, r.GetProperty("d").GetDouble());
        Assert.Equal("NaN", r.GetProperty("nan").GetString());
        Assert.True(r.GetProperty("b").GetBoolean());
        Assert.Equal("OK ü", r.GetProperty("text").GetString());
        Assert.Equal("", r.GetProperty("empty").GetString());
        Assert.Equal("hex:00ff", r.GetProperty("blob").GetString());
        Assert.Equal("hex:610a62", r.GetProperty("ctl").GetString());
        Assert.Equal("hex:" + Convert.ToHexStringLower("hex:00"u8), r.GetProperty("fake").GetString());
        Assert.Equal(-1, r.GetProperty("objs")[0].GetProperty("n").GetInt32());
    }
}
