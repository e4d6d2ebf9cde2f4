using MoneroNet.Epee;

namespace MoneroNet.Wire.Tests;

/// <summary>Loading follows epee's rules (docs/PROTOCOL.md §1.5–1.6), through the real binary reader.</summary>
public class CoercionTests
{
    private static readonly byte[] Genesis = Hash32.Parse("48ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b").ToArray();

    private static EpeeSection Section(params (string Key, EpeeValue Value)[] entries)
    {
        var s = new EpeeSection();
        foreach (var (k, v) in entries) s.Add(k, v);
        return s;
    }

    private static EpeeValue Obj(params (string Key, EpeeValue Value)[] entries) => EpeeValue.FromSection(Section(entries));

    private static HandshakeRequest DecodeHandshake(EpeeValue myPort, EpeeValue? peerId = null, EpeeValue? topId = null) =>
        WireCodec.Decode<HandshakeRequest>(EpeeStorage.ToArray(Section(
            ("node_data", Obj(
                ("my_port", myPort),
                ("network_id", EpeeValue.FromBytes(NetworkConstants.NetworkIdOf(NetworkType.Testnet).ToArray())),
                ("peer_id", peerId ?? EpeeValue.FromUInt64(7)))),
            ("payload_data", Obj(
                ("current_height", EpeeValue.FromUInt64(1)),
                ("top_id", topId ?? EpeeValue.FromBytes(Genesis)))))));

    [Fact]
    public void My_port_as_u64_or_i8_is_accepted()
    {
        Assert.Equal(39220U, DecodeHandshake(EpeeValue.FromUInt64(39220)).NodeData.MyPort);
        Assert.Equal(5U, DecodeHandshake(EpeeValue.FromInt8(5)).NodeData.MyPort);
    }

    [Fact]
    public void My_port_of_2_pow_40_is_rejected_naming_the_field()
    {
        var e = Assert.Throws<WireFormatException>(() => DecodeHandshake(EpeeValue.FromUInt64(1UL << 40)));
        Assert.Equal("node_data.my_port", e.Field);
    }

    [Fact]
    public void Negative_integer_into_an_unsigned_field_is_rejected()
    {
        var e = Assert.Throws<WireFormatException>(() => DecodeHandshake(EpeeValue.FromInt32(-1)));
        Assert.Equal("node_data.my_port", e.Field);
    }

    [Fact]
    public void String_for_an_integer_field_is_rejected()
    {
        var e = Assert.Throws<WireFormatException>(() => DecodeHandshake(EpeeValue.FromString("39220")));
        Assert.Equal("node_data.my_port", e.Field);
    }

    [Fact]
    public void All_digit_string_is_accepted_for_a_uint64_field_only()
    {
        Assert.Equal(12345UL, DecodeHandshake(EpeeValue.FromUInt32(1), peerId: EpeeValue.FromString("12345")).NodeData.PeerId);
        var e = Assert.Throws<WireFormatException>(() => DecodeHandshake(EpeeValue.FromUInt32(1), peerId: EpeeValue.FromString("12a")));
        Assert.Equal("node_data.peer_id", e.Field);
        Assert.Throws<WireFormatException>(() => DecodeHandshake(EpeeValue.FromUInt32(1), peerId: EpeeValue.FromString("18446744073709551616")));
    }

    [Fact]
    public void Bool_for_an_integer_field_is_rejected()
    {
        var body = Section(("support_flags", EpeeValue.FromBool(true)));
        var e = Assert.Throws<WireFormatException>(() => SupportFlagsResponse.FromSection(body));
        Assert.Equal("support_flags", e.Field);
    }

    [Fact]
    public void Top_id_of_31_bytes_loads_as_the_zero_hash()
    {
        var m = DecodeHandshake(EpeeValue.FromUInt32(1), topId: EpeeValue.FromBytes(Genesis[..31]));
        Assert.Equal(Hash32.Zero, m.PayloadData.TopId);
        Assert.Equal(1UL, m.PayloadData.CurrentHeight);
    }

    [Fact]
    public void Top_id_of_the_wrong_type_is_rejected()
    {
        var e = Assert.Throws<WireFormatException>(() => DecodeHandshake(EpeeValue.FromUInt32(1), topId: EpeeValue.FromUInt64(1)));
        Assert.Equal("payload_data.top_id", e.Field);
    }

    [Fact]
    public void Wider_tags_for_narrow_fields_are_range_checked_and_accepted()
    {
        var p = CoreSyncData.FromSection(Section(
            ("top_version", EpeeValue.FromUInt64(16)),
            ("current_height", EpeeValue.FromUInt32(4)),
            ("pruning_seed", EpeeValue.FromInt64(0x181))));
        Assert.Equal(16, p.TopVersion);
        Assert.Equal(4UL, p.CurrentHeight);
        Assert.Equal(0x181U, p.PruningSeed);
        Assert.Throws<WireFormatException>(() => CoreSyncData.FromSection(Section(("top_version", EpeeValue.FromUInt16(256)))));
    }

    [Fact]
    public void Unknown_keys_are_ignored_and_missing_fields_are_zero()
    {
        var m = HandshakeRequest.FromSection(Section(
            ("payload_data", Obj(("unknown", EpeeValue.FromString("x")))),
            ("zzz", EpeeValue.FromDouble(1.5))));
        Assert.Equal(new BasicNodeData(), m.NodeData);
        Assert.Equal(new CoreSyncData(), m.PayloadData);
    }

    [Fact]
    public void Nested_struct_of_the_wrong_type_is_ignored_like_epee()
    {
        var m = HandshakeRequest.FromSection(Section(("node_data", EpeeValue.FromString("not an object"))));
        Assert.Equal(new BasicNodeData(), m.NodeData);
    }

    [Fact]
    public void Network_id_of_the_wrong_length_loads_as_zero()
    {
        var n = BasicNodeData.FromSection(Section(("network_id", EpeeValue.FromBytes(new byte[15]))));
        Assert.True(n.NetworkId.IsZero);
    }

    [Fact]
    public void Hash_list_whose_length_is_not_a_multiple_of_32_loads_empty()
    {
        var m = GetTxPoolComplementNotification.FromSection(Section(("hashes", EpeeValue.FromBytes(new byte[33]))));
        Assert.Empty(m.Hashes);
        var two = GetTxPoolComplementNotification.FromSection(Section(("hashes", EpeeValue.FromBytes([.. Genesis, .. new byte[32]]))));
        Assert.Equal([new Hash32(Genesis), Hash32.Zero], two.Hashes);
    }

    [Fact]
    public void Blob_field_sent_as_a_byte_array_is_rejected()
    {
        var array = new EpeeArray(EpeeType.UInt8);
        array.Add(EpeeValue.FromUInt8(1));
        Assert.Throws<WireFormatException>(() => RequestChainNotification.FromSection(Section(("block_ids", EpeeValue.FromArray(array)))));
    }

    [Fact]
    public void Tx_array_of_the_wrong_element_type_is_rejected_unless_empty()
    {
        var ints = new EpeeArray(EpeeType.UInt64);
        Assert.Empty(NewTransactionsNotification.FromSection(Section(("txs", EpeeValue.FromArray(ints)))).Txs);
        ints.Add(EpeeValue.FromUInt64(1));
        var e = Assert.Throws<WireFormatException>(() => NewTransactionsNotification.FromSection(Section(("txs", EpeeValue.FromArray(ints)))));
        Assert.Equal("txs", e.Field);
    }

    [Fact]
    public void Dandelion_fluff_defaults_to_true_and_only_false_is_written()
    {
        var m = NewTransactionsNotification.FromSection(new EpeeSection());
        Assert.True(m.DandelionppFluff);
        var written = m.ToSection();
        Assert.False(written.ContainsKey("dandelionpp_fluff"));
        Assert.True(written.ContainsKey("_"));
        Assert.False(written.ContainsKey("txs"));
        Assert.False(new NewTransactionsNotification { DandelionppFluff = false }.ToSection()["dandelionpp_fluff"].AsBool());
    }

    [Fact]
    public void Bool_field_does_not_take_integers()
    {
        var e = Assert.Throws<WireFormatException>(() => RequestChainNotification.FromSection(Section(("prune", EpeeValue.FromUInt8(1)))));
        Assert.Equal("prune", e.Field);
    }

    [Fact]
    public void Peer_entry_with_missing_or_unknown_address_type_loads_as_invalid()
    {
        EpeeValue Entries(params EpeeSection[] adrs)
        {
            var array = new EpeeArray(EpeeType.Object);
            foreach (var adr in adrs) array.Add(Obj(("adr", EpeeValue.FromSection(adr)), ("id", EpeeValue.FromUInt64(9))));
            return EpeeValue.FromArray(array);
        }
        var ipv4 = Section(("type", EpeeValue.FromUInt8(1)), ("addr", Obj(("m_ip", EpeeValue.FromUInt32(167903424)), ("m_port", EpeeValue.FromUInt16(28080)))));
        var untyped = Section(("addr", Obj(("m_ip", EpeeValue.FromUInt32(1)))));
        var unknownType = Section(("type", EpeeValue.FromUInt8(7)));
        var badOnion = Section(("type", EpeeValue.FromUInt8(4)), ("addr", Obj(("host", EpeeValue.FromString("nope.onion")), ("port", EpeeValue.FromUInt16(1)))));

        var m = TimedSyncResponse.FromSection(Section(("local_peerlist_new", Entries(ipv4, untyped, unknownType, badOnion))));

        Assert.Equal(4, m.LocalPeerlistNew.Count);
        Assert.Equal("192.0.2.10:28080", m.LocalPeerlistNew[0].Address.ToString());
        Assert.All(m.LocalPeerlistNew.Skip(1), e => Assert.Same(NetworkAddress.Invalid, e.Address));
        Assert.All(m.LocalPeerlistNew, e => Assert.Equal(9UL, e.Id));
    }

    [Fact]
    public void Address_type_out_of_u8_range_is_rejected_naming_the_entry()
    {
        var array = new EpeeArray(EpeeType.Object);
        array.Add(Obj(("adr", Obj(("type", EpeeValue.FromUInt16(300))))));
        var e = Assert.Throws<WireFormatException>(() => HandshakeResponse.FromSection(Section(("local_peerlist_new", EpeeValue.FromArray(array)))));
        Assert.Equal("local_peerlist_new[0].adr.type", e.Field);
    }

    [Fact]
    public void Peer_list_count_is_read_without_decoding_entries()
    {
        var array = new EpeeArray(EpeeType.Object);
        // Entries whose id would not even load: counting must not look at them.
        for (int i = 0; i < 251; i++) array.Add(Obj(("id", EpeeValue.FromString("not a number"))));
        var body = Section(("local_peerlist_new", EpeeValue.FromArray(array)));
        Assert.Equal(251, PeerlistEntry.CountIn(body));
        Assert.Throws<WireFormatException>(() => HandshakeResponse.FromSection(body));
        Assert.Equal(0, PeerlistEntry.CountIn(new EpeeSection()));
    }

    [Fact]
    public void Writer_keeps_top64_always_and_omits_zero_optionals()
    {
        var sync = new CoreSyncData { CurrentHeight = 1 }.ToSection();
        Assert.Equal(0UL, sync["cumulative_difficulty_top64"].AsUInt64());
        Assert.Equal(EpeeType.UInt64, sync["cumulative_difficulty_top64"].Type);
        Assert.False(sync.ContainsKey("top_version"));
        Assert.False(sync.ContainsKey("pruning_seed"));

        var node = new BasicNodeData().ToSection();
        // Added in key order (so the writer need not sort a copy).
        Assert.Equal(["my_port", "network_id", "peer_id"], node.Entries.Select(e => e.Key));

        var entry = new PeerlistEntry { Address = NetworkAddress.FromIPv4(1, 2), Id = 3 };
        Assert.False(entry.ToSection().ContainsKey("last_seen"));
        var seen = (entry with { LastSeen = 1_700_000_000 }).ToSection()["last_seen"];
        Assert.Equal(EpeeType.Int64, seen.Type);

        Assert.False(new HandshakeResponse().ToSection().ContainsKey("local_peerlist_new"));
        Assert.Empty(new GetTxPoolComplementNotification().ToSection().Entries);
    }

    [Fact]
    public void Wire_tags_are_monerods()
    {
        var node = new BasicNodeData { MyPort = 1, RpcPort = 2, RpcCreditsPerHash = 3, SupportFlags = 1, PeerId = 4 }.ToSection();
        Assert.Equal(EpeeType.UInt32, node["my_port"].Type);
        Assert.Equal(EpeeType.UInt16, node["rpc_port"].Type);
        Assert.Equal(EpeeType.UInt32, node["rpc_credits_per_hash"].Type);
        Assert.Equal(EpeeType.UInt32, node["support_flags"].Type);
        Assert.Equal(EpeeType.UInt64, node["peer_id"].Type);
        Assert.Equal(16, node["network_id"].AsBytes().Length);
        Assert.Equal(EpeeType.UInt8, new CoreSyncData { TopVersion = 16 }.ToSection()["top_version"].Type);
    }
}
