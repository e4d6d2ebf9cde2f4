namespace MoneroNet.Epee.Tests;

public class VectorTests
{
    public static TheoryData<string> RealVectors() => new(TestVectors.WithOrigin("real"));
    public static TheoryData<string> SyntheticVectors() => new(TestVectors.WithOrigin("synthetic"));

    [Fact]
    public void Manifest_lists_both_kinds_of_vectors()
    {
        Assert.True(TestVectors.WithOrigin("real").Count() >= 30);
        Assert.True(TestVectors.WithOrigin("synthetic").Count() >= 10);
    }

    [Theory]
    [MemberData(nameof(RealVectors))]
    public void Real_monerod_bodies_decode_and_reencode_byte_for_byte(string path)
    {
        byte[] body = TestVectors.Body(path);
        if (body.Length == 0) return; // error responses (rc -6 / -1) carry no epee body at all

        EpeeSection root = EpeeStorage.Read(body, EpeeLimits.Levin);
        Assert.Equal(Convert.ToHexStringLower(body), Convert.ToHexStringLower(EpeeStorage.ToArray(root)));
    }

    [Theory]
    [MemberData(nameof(SyntheticVectors))]
    public void Synthetic_bodies_decode(string path)
    {
        byte[] body = TestVectors.Body(path);
        if (path.Contains("garbage_body", StringComparison.Ordinal))
        {
            // Deliberately not portable storage (it starts 00 01 02 …): monerod rejected it, so do we.
            var e = Assert.Throws<EpeeFormatException>(() => EpeeStorage.Read(body, EpeeLimits.Levin));
            Assert.Equal(EpeeError.BadSignature, e.Kind);
            return;
        }
        EpeeSection root = EpeeStorage.Read(body, EpeeLimits.Levin);
        // The decoded tree must survive our own encode → decode.
        Assert.Equal(root, EpeeStorage.Read(EpeeStorage.ToArray(root), EpeeLimits.Levin));
    }

    [Fact]
    public void Testnet_handshake_request_values()
    {
        var root = EpeeStorage.Read(TestVectors.Body("p2p_testnet/handshake_request.hex"), EpeeLimits.Levin);
        Assert.Equal(new[] { "node_data", "payload_data" }, root.Entries.Select(e => e.Key));

        var node = root["node_data"].AsSection();
        Assert.Equal(EpeeType.UInt32, node["my_port"].Type);
        Assert.Equal(39220u, node["my_port"].AsUInt32());
        Assert.Equal(EpeeType.UInt64, node["peer_id"].Type);
        Assert.Equal(0x63744fe4d3092b75UL, node["peer_id"].AsUInt64());
        Assert.Equal("1230f171610441611731008216a1a111", Convert.ToHexStringLower(node["network_id"].AsBytes()));
        Assert.Equal(1u, node["support_flags"].AsUInt32());

        var payload = root["payload_data"].AsSection();
        Assert.Equal(1UL, payload["cumulative_difficulty"].AsUInt64());
        Assert.Equal(0UL, payload["cumulative_difficulty_top64"].AsUInt64());
        Assert.Equal(1UL, payload["current_height"].AsUInt64());
        Assert.Equal("48ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b",
            Convert.ToHexStringLower(payload["top_id"].AsBytes()));
        Assert.Equal(EpeeType.UInt8, payload["top_version"].Type);
        Assert.Equal((byte)1, payload["top_version"].AsUInt8());
    }

    [Fact]
    public void Testnet_handshake_response_peer_id()
    {
        var root = EpeeStorage.Read(TestVectors.Body("p2p_testnet/handshake_response.hex"), EpeeLimits.Levin);
        var node = root["node_data"].AsSection();
        Assert.Equal(0x694dc9abc2ce8197UL, node["peer_id"].AsUInt64());
        Assert.Equal(39210u, node["my_port"].AsUInt32());
    }

    [Fact]
    public void Empty_transactions_notification_values()
    {
        var root = EpeeStorage.Read(TestVectors.Body("p2p_testnet/new_transactions__empty_reply_to_txpool_complement.hex"), EpeeLimits.Levin);
        Assert.Empty(root["_"].AsBytes());
        Assert.Equal(EpeeType.Bool, root["dandelionpp_fluff"].Type);
        Assert.False(root["dandelionpp_fluff"].AsBool());
    }

    [Fact]
    public void Txpool_complement_request_is_an_empty_section()
    {
        var root = EpeeStorage.Read(TestVectors.Body("p2p_testnet/get_txpool_complement__before_handshake_response.hex"), EpeeLimits.Levin);
        Assert.Equal(0, root.Count);
    }

    [Fact]
    public void Peer_list_entries_are_an_array_of_objects()
    {
        var root = EpeeStorage.Read(TestVectors.Body("p2p_peerlist/handshake_response__with_local_peerlist_new.hex"), EpeeLimits.Levin);
        var peers = root["local_peerlist_new"].AsArray();
        Assert.Equal(EpeeType.Object, peers.ElementType);
        Assert.Equal(3, peers.Count);

        var first = peers[0].AsSection();
        Assert.Equal(0xe03f424fa48f4195UL, first["id"].AsUInt64());
        var adr = first["adr"].AsSection();
        Assert.Equal((byte)2, adr["type"].AsUInt8());
        Assert.Equal("20010db8000000000000000000000010", Convert.ToHexStringLower(adr["addr"].AsSection()["addr"].AsBytes()));
        Assert.Equal((ushort)28080, adr["addr"].AsSection()["m_port"].AsUInt16());

        var second = peers[1].AsSection()["adr"].AsSection()["addr"].AsSection();
        Assert.Equal(167903424u, second["m_ip"].AsUInt32());
    }
}
