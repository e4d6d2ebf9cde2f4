using System.Net;

namespace MoneroNet.Wire.Tests;

/// <summary>The typed values of the captured vectors equal what tests/TestData/vectors/MANIFEST.md lists for them.</summary>
public class VectorContentTests
{
    private static readonly NetworkId TestnetId = NetworkId.Parse("1230f171610441611731008216a1a111");
    private static readonly NetworkId MainnetId = NetworkId.Parse("1230f171610441611731008216a1a110");
    private static readonly NetworkId StagenetId = NetworkId.Parse("1230f171610441611731008216a1a112");
    private static readonly Hash32 TestnetGenesis = Hash32.Parse("48ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b");
    private static readonly Hash32 MainnetGenesis = Hash32.Parse("418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3");
    private static readonly Hash32 StagenetGenesis = Hash32.Parse("76ee3cc98646292206cd3e86f74d88b4dcc1d937088645e9b0cbca84b7ce74eb");
    private static readonly Hash32 RegtestTop4 = Hash32.Parse("b34468e13302021b3cbccc72b225f29b55950ba97df60049d6c8f40c15b655dd");

    private static T Decode<T>(string name) where T : IWireMessage<T>
    {
        var v = Vectors.Load(name);
        Assert.Equal(T.Command, v.Header.Command);
        return WireCodec.Decode<T>(v.Body);
    }

    private static void AssertGenesisOnly(CoreSyncData p, Hash32 genesis)
    {
        Assert.Equal(1UL, p.CumulativeDifficulty);
        Assert.Equal(0UL, p.CumulativeDifficultyTop64);
        Assert.Equal(1UL, p.CurrentHeight);
        Assert.Equal(genesis, p.TopId);
        Assert.Equal(1, p.TopVersion);
        Assert.Equal(0U, p.PruningSeed);
    }

    private static void AssertNode(BasicNodeData n, uint myPort, NetworkId id, ulong peerId, uint supportFlags)
    {
        Assert.Equal(myPort, n.MyPort);
        Assert.Equal(id, n.NetworkId);
        Assert.Equal(peerId, n.PeerId);
        Assert.Equal(supportFlags, n.SupportFlags);
        Assert.Equal(0, n.RpcPort);
        Assert.Equal(0U, n.RpcCreditsPerHash);
    }

    [Theory]
    [InlineData("p2p_testnet/handshake_request.hex", 39220U, "testnet", "testnet", 0x63744fe4d3092b75UL, 1U)]
    [InlineData("p2p_regtest/handshake_request__R2.hex", 39270U, "mainnet", "mainnet", 0x887e0349f0608707UL, 1U)]
    [InlineData("p2p_regtest/handshake_request__peer_without_support_flags.hex", 0U, "mainnet", "mainnet", 0x0a0b0c0d0e0f1011UL, 0U)]
    [InlineData("p2p_probe_testnet/handshake_request__without_support_flags.hex", 0U, "testnet", "testnet", 0x0123456789abcdefUL, 0U)]
    [InlineData("p2p_probe_testnet/handshake_request__wrong_network_id.hex", 0U, "mainnet", "testnet", 0x1111111111111111UL, 1U)]
    [InlineData("p2p_stagenet/handshake_request__stagenet.hex", 0U, "stagenet", "stagenet", 0x0123456789abcdefUL, 1U)]
    public void Handshake_requests(string name, uint myPort, string idOf, string topOf, ulong peerId, uint flags)
    {
        // The wrong-network probe sends the mainnet id with the testnet genesis as its top.
        var m = Decode<HandshakeRequest>(name);
        AssertNode(m.NodeData, myPort, IdOf(idOf), peerId, flags);
        AssertGenesisOnly(m.PayloadData, GenesisOf(topOf));
    }

    private static NetworkId IdOf(string network) =>
        network switch { "testnet" => TestnetId, "mainnet" => MainnetId, _ => StagenetId };

    private static Hash32 GenesisOf(string network) =>
        network switch { "testnet" => TestnetGenesis, "mainnet" => MainnetGenesis, _ => StagenetGenesis };

    [Fact]
    public void Handshake_request_with_unknown_top_and_height_zero()
    {
        var m = Decode<HandshakeRequest>("p2p_probe_testnet/handshake_request__unknown_top_height0.hex");
        Assert.Equal(TestnetId, m.NodeData.NetworkId);
        Assert.Equal(0UL, m.PayloadData.CurrentHeight);
        Assert.Equal(0, m.PayloadData.TopVersion);
    }

    [Theory]
    [InlineData("p2p_testnet/handshake_response.hex", 39210U, "testnet", 0x694dc9abc2ce8197UL)]
    [InlineData("p2p_regtest/handshake_response__R1.hex", 39260U, "mainnet", 0x2334ea61d104d427UL)]
    [InlineData("p2p_regtest/handshake_response__R1_to_peer_without_flags.hex", 39260U, "mainnet", 0x2334ea61d104d427UL)]
    [InlineData("p2p_probe_testnet/handshake_response__from_monerod.hex", 39250U, "testnet", 0xd75b9c124d1fd92fUL)]
    [InlineData("p2p_probe_testnet/handshake_response__to_unknown_top.hex", 39250U, "testnet", 0xd75b9c124d1fd92fUL)]
    [InlineData("p2p_stagenet/handshake_response__stagenet.hex", 39204U, "stagenet", 0xcc68209144bdd71eUL)]
    public void Handshake_responses_without_peers(string name, uint myPort, string network, ulong peerId)
    {
        var m = Decode<HandshakeResponse>(name);
        AssertNode(m.NodeData, myPort, IdOf(network), peerId, 1);
        AssertGenesisOnly(m.PayloadData, GenesisOf(network));
        Assert.Empty(m.LocalPeerlistNew);
    }

    [Fact]
    public void Handshake_response_with_ipv6_and_ipv4_peers()
    {
        const string name = "p2p_peerlist/handshake_response__with_local_peerlist_new.hex";
        var m = Decode<HandshakeResponse>(name);
        AssertNode(m.NodeData, 39202, TestnetId, 0x54f781521d9c81aaUL, 1);
        AssertGenesisOnly(m.PayloadData, TestnetGenesis);

        Assert.Equal(3, m.LocalPeerlistNew.Count);
        Assert.Equal(3, PeerlistEntry.CountIn(MoneroNet.Epee.EpeeStorage.Read(Vectors.Load(name).Body, MoneroNet.Epee.EpeeLimits.Levin)));

        var v6 = m.LocalPeerlistNew[0];
        Assert.Equal(NetworkAddressType.IPv6, v6.Address.Type);
        Assert.Equal(IPAddress.Parse("2001:db8::10"), v6.Address.IPAddress);
        Assert.Equal(28080, v6.Address.Port);
        Assert.Equal("[2001:db8::10]:28080", v6.Address.ToString());
        Assert.Equal(0xe03f424fa48f4195UL, v6.Id);

        var v4 = m.LocalPeerlistNew[1];
        Assert.Equal(NetworkAddressType.IPv4, v4.Address.Type);
        Assert.Equal(167903424U, v4.Address.IPv4Packed);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), v4.Address.IPAddress);
        Assert.Equal("192.0.2.10:28080", v4.Address.ToString());
        Assert.Equal(0x69731ac5784214a7UL, v4.Id);

        var third = m.LocalPeerlistNew[2];
        Assert.Equal(342111174U, third.Address.IPv4Packed);
        Assert.Equal("198.51.100.20:28081", third.Address.ToString());
        Assert.Equal(0x2ab0febf97396f4fUL, third.Id);

        Assert.All(m.LocalPeerlistNew, e =>
        {
            Assert.Equal(0L, e.LastSeen);
            Assert.Equal(0U, e.PruningSeed);
            Assert.Equal(0, e.RpcPort);
            Assert.Equal(0U, e.RpcCreditsPerHash);
        });
    }

    [Theory]
    [InlineData("p2p_testnet/timed_sync_request.hex")]
    [InlineData("p2p_testnet/timed_sync_request__from_initiator.hex")]
    [InlineData("p2p_probe_testnet/timed_sync_request__from_monerod.hex")]
    [InlineData("p2p_probe_testnet/timed_sync_request__before_any_handshake.hex")]
    public void Timed_sync_requests_at_testnet_genesis(string name) =>
        AssertGenesisOnly(Decode<TimedSyncRequest>(name).PayloadData, TestnetGenesis);

    [Theory]
    [InlineData("p2p_testnet/timed_sync_response.hex")]
    [InlineData("p2p_testnet/timed_sync_response__from_responder.hex")]
    [InlineData("p2p_probe_testnet/timed_sync_response__to_monerod.hex")]
    [InlineData("p2p_probe_testnet/timed_sync_response__before_any_handshake.hex")]
    [InlineData("p2p_peerlist/timed_sync_response__peers_already_sent.hex")]
    public void Timed_sync_responses_at_testnet_genesis(string name)
    {
        var m = Decode<TimedSyncResponse>(name);
        AssertGenesisOnly(m.PayloadData, TestnetGenesis);
        Assert.Empty(m.LocalPeerlistNew);
    }

    [Theory]
    [InlineData("p2p_regtest/timed_sync_request__R1_after_mining.hex", false)]
    [InlineData("p2p_regtest/timed_sync_request__R1_to_scripted_peer.hex", false)]
    [InlineData("p2p_regtest/timed_sync_response__R2_after_mining.hex", true)]
    public void Timed_syncs_after_mining_show_height_4(string name, bool response)
    {
        var p = response ? Decode<TimedSyncResponse>(name).PayloadData : Decode<TimedSyncRequest>(name).PayloadData;
        Assert.Equal(4UL, p.CumulativeDifficulty);
        Assert.Equal(0UL, p.CumulativeDifficultyTop64);
        Assert.Equal(4UL, p.CurrentHeight);
        Assert.Equal(RegtestTop4, p.TopId);
        Assert.Equal(16, p.TopVersion);
    }

    [Fact]
    public void Ping_request_is_empty_and_response_carries_ok_and_peer_id()
    {
        Assert.NotNull(Decode<PingRequest>("p2p_probe_testnet/ping_request.hex"));
        var r = Decode<PingResponse>("p2p_probe_testnet/ping_response.hex");
        Assert.Equal(NetworkConstants.PingOkStatus, r.Status);
        Assert.Equal(0xd75b9c124d1fd92fUL, r.PeerId);
    }

    [Theory]
    [InlineData("p2p_probe_testnet/support_flags_response__from_monerod.hex", 1U)]
    [InlineData("p2p_probe_testnet/support_flags_response__to_monerod.hex", 1U)]
    [InlineData("p2p_regtest/support_flags_response__value0.hex", 0U)]
    public void Support_flags_responses(string name, uint flags) =>
        Assert.Equal(flags, Decode<SupportFlagsResponse>(name).SupportFlags);

    [Theory]
    [InlineData("p2p_regtest/support_flags_request__R1.hex")]
    [InlineData("p2p_probe_testnet/support_flags_request__from_monerod.hex")]
    [InlineData("p2p_probe_testnet/support_flags_request__to_monerod.hex")]
    public void Support_flags_requests_are_empty(string name)
    {
        var v = Vectors.Load(name);
        Assert.Equal(P2PCommands.RequestSupportFlags, v.Header.Command);
        Assert.Empty(WireCodec.Decode<SupportFlagsRequest>(v.Body).ToSection().Entries);
    }

    private const string BlockAtHeight2 =
        "101096e4a9d806418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e300000000023d01ff0101808080f0ffff0703bfc710f3591b3697d021099f65b4a6e46de9dbfff9ea915ec85f1fb538479113a724014077240227163763fbe03429f406c456626b862481cfffb0da6ff7c3b297760f0201000000";

    [Theory]
    [InlineData("p2p_regtest/new_fluffy_block__height2.hex", 2UL, "101096e4a9d806418015bb9a")]
    [InlineData("p2p_regtest/new_fluffy_block__height3.hex", 3UL, "1010a4e4a9d806d8ba3d8c53")]
    [InlineData("p2p_regtest/new_fluffy_block__height4.hex", 4UL, "1010a4e4a9d80649071d0ce8")]
    public void Fluffy_blocks(string name, ulong height, string blockPrefix)
    {
        var m = Decode<NewFluffyBlockNotification>(name);
        Assert.Equal(height, m.CurrentBlockchainHeight);
        Assert.Equal(129, m.Block.Block.Length);
        Assert.StartsWith(blockPrefix, Convert.ToHexStringLower(m.Block.Block));
        Assert.False(m.Block.Pruned);
        Assert.Equal(0UL, m.Block.BlockWeight);
        Assert.Empty(m.Block.Txs);
    }

    [Fact]
    public void Full_new_block_to_peer_without_fluffy_flag()
    {
        var m = Decode<NewBlockNotification>("p2p_regtest/new_block_full__height2__to_peer_without_fluffy_flag.hex");
        Assert.Equal(2UL, m.CurrentBlockchainHeight);
        Assert.Equal(BlockAtHeight2, Convert.ToHexStringLower(m.Block.Block));
        Assert.Empty(m.Block.Txs);
    }

    [Theory]
    [InlineData("p2p_testnet/new_transactions__empty_reply_to_txpool_complement.hex")]
    [InlineData("p2p_regtest/new_transactions__empty__R1.hex")]
    public void Empty_new_transactions_reply(string name)
    {
        var m = Decode<NewTransactionsNotification>(name);
        Assert.Empty(m.Txs);
        Assert.Empty(m.Padding);
        Assert.False(m.DandelionppFluff);
    }

    [Theory]
    [InlineData("p2p_testnet/get_txpool_complement__before_handshake_response.hex")]
    [InlineData("p2p_testnet/get_txpool_complement__from_initiator.hex")]
    [InlineData("p2p_regtest/get_txpool_complement__R2.hex")]
    [InlineData("p2p_stagenet/get_txpool_complement__stagenet.hex")]
    public void Txpool_complement_requests_are_empty(string name) =>
        Assert.Empty(Decode<GetTxPoolComplementNotification>(name).Hashes);

    [Fact]
    public void Request_chain_carries_only_the_genesis_hash()
    {
        var m = Decode<RequestChainNotification>("p2p_probe_testnet/request_chain__to_peer_with_unknown_top.hex");
        Assert.Equal([TestnetGenesis], m.BlockIds);
        Assert.False(m.Prune);
    }
}
