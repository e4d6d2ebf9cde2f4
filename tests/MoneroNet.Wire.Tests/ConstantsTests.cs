namespace MoneroNet.Wire.Tests;

public class ConstantsTests
{
    [Theory]
    [InlineData(NetworkType.Mainnet, "1230f171610441611731008216a1a110", "418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3", 18080, 18081)]
    [InlineData(NetworkType.Testnet, "1230f171610441611731008216a1a111", "48ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b", 28080, 28081)]
    [InlineData(NetworkType.Stagenet, "1230f171610441611731008216a1a112", "76ee3cc98646292206cd3e86f74d88b4dcc1d937088645e9b0cbca84b7ce74eb", 38080, 38081)]
    [InlineData(NetworkType.Regtest, "1230f171610441611731008216a1a110", "418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3", 18080, 18081)]
    public void Network_constants(NetworkType network, string id, string genesis, int p2p, int rpc)
    {
        Assert.Equal(id, NetworkConstants.NetworkIdOf(network).ToString());
        Assert.Equal(genesis, NetworkConstants.GenesisHashOf(network).ToString());
        Assert.Equal(p2p, NetworkConstants.DefaultP2PPort(network));
        Assert.Equal(rpc, NetworkConstants.DefaultRpcPort(network));
    }

    [Fact]
    public void Network_of_an_id()
    {
        Assert.Equal(NetworkType.Testnet, NetworkConstants.NetworkOf(NetworkConstants.NetworkIdOf(NetworkType.Testnet)));
        Assert.Equal(NetworkType.Mainnet, NetworkConstants.NetworkOf(NetworkConstants.NetworkIdOf(NetworkType.Regtest)));
        Assert.Null(NetworkConstants.NetworkOf(NetworkId.Zero));
    }

    [Theory]
    [InlineData(1001U, "COMMAND_HANDSHAKE")]
    [InlineData(1002U, "COMMAND_TIMED_SYNC")]
    [InlineData(1003U, "COMMAND_PING")]
    [InlineData(1007U, "COMMAND_REQUEST_SUPPORT_FLAGS")]
    [InlineData(2001U, "NOTIFY_NEW_BLOCK")]
    [InlineData(2002U, "NOTIFY_NEW_TRANSACTIONS")]
    [InlineData(2006U, "NOTIFY_REQUEST_CHAIN")]
    [InlineData(2007U, "NOTIFY_RESPONSE_CHAIN_ENTRY")]
    [InlineData(2008U, "NOTIFY_NEW_FLUFFY_BLOCK")]
    [InlineData(2010U, "NOTIFY_GET_TXPOOL_COMPLEMENT")]
    [InlineData(2005U, null)]
    [InlineData(9999U, null)]
    [InlineData(0U, null)]
    public void Command_names(uint command, string? name) => Assert.Equal(name, CommandNames.NameOf(command));

    [Fact]
    public void Message_types_carry_their_command_ids()
    {
        Assert.Equal(1001U, HandshakeRequest.Command);
        Assert.Equal(1001U, HandshakeResponse.Command);
        Assert.Equal(1002U, TimedSyncResponse.Command);
        Assert.Equal(1003U, PingResponse.Command);
        Assert.Equal(1007U, SupportFlagsRequest.Command);
        Assert.Equal(2001U, NewBlockNotification.Command);
        Assert.Equal(2008U, NewFluffyBlockNotification.Command);
        Assert.Equal(2010U, GetTxPoolComplementNotification.Command);
    }

    [Fact]
    public void Hash_hex_round_trip_and_length_checks()
    {
        const string hex = "b34468e13302021b3cbccc72b225f29b55950ba97df60049d6c8f40c15b655dd";
        Assert.Equal(hex, Hash32.Parse(hex.ToUpperInvariant()).ToString());
        Assert.True(Hash32.Zero.IsZero);
        Assert.Throws<FormatException>(() => Hash32.Parse(hex[..62]));
        Assert.Throws<ArgumentException>(() => new Hash32(new byte[31]));
    }
}
