using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Epee;
using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Tests.Support;
using MoneroNet.Wire;
using MoneroNet.Wire.Rpc;

namespace MoneroNet.Rpc.Tests.Methods;

/// <summary>
/// /get_hashes.bin over a genesis-only chain (docs/PROTOCOL.md §7.8): what succeeds, what fails with fail score 1, and
/// what is a 400 that scores nothing. The two response vectors are the bytes a 0.18 testnet monerod answered.
/// </summary>
public sealed class GetHashesTests
{
    /// <summary>monerod's answer to block_ids = [testnet genesis], start_height 0.</summary>
    private const string MonerodOkHex =
        "0111010101010201011c07637265646974730500000000000000000e63757272656e745f6865696768740501000000000000000b6d5f626c6f"
        + "636b5f6964730a8048ca7cd3c8de5b6a4d53d2861fbdaedca141553559f9be9520068053cda8430b0c73746172745f68656967687405000000"
        + "0000000000067374617475730a084f4b08746f705f686173680a0009756e747275737465640b00";

    /// <summary>monerod's answer to block_ids = [32 × 0x11], start_height 7.</summary>
    private const string MonerodFailedHex =
        "0111010101010201011807637265646974730500000000000000000e63757272656e745f6865696768740500000000000000000c7374617274"
        + "5f686569676874050700000000000000067374617475730a184661696c656408746f705f686173680a0009756e747275737465640b00";

    private static readonly Hash32 Genesis = Hash32.Parse(FakeNodeQuery.TestnetGenesis);

    private static async Task<(RpcReply Reply, int Score)> CallAsync(byte[] body, string path = "/get_hashes.bin")
    {
        var node = new FakeNodeQuery();
        var registry = FakeMethods.Registry(node, new FakeTimeProvider(RunningServer.Epoch));
        Assert.True(registry.TryGetBinaryEndpoint(path, out var method));
        return await new BinaryEndpointDispatcher(NullLogger.Instance).DispatchAsync(method, body, CancellationToken.None);
    }

    private static byte[] Request(IReadOnlyList<Hash32> blockIds, ulong startHeight = 0) =>
        EpeeStorage.ToArray(new GetHashesRequest { BlockIds = blockIds, StartHeight = startHeight }.ToSection());

    private static byte[] Body(EpeeSection section) => EpeeStorage.ToArray(section);

    [Theory]
    [InlineData("/get_hashes.bin")]
    [InlineData("/gethashes.bin")]
    public async Task A_history_ending_with_our_genesis_gets_the_genesis_hash_as_monerod_answers_it(string path)
    {
        var (reply, score) = await CallAsync(Request([Hash32.Parse(new string('a', 64)), Genesis]), path);

        Assert.Equal((200, "Ok", " application/octet-stream"), (reply.StatusCode, reply.ReasonPhrase, reply.ContentType));
        Assert.Equal(0, score);
        Assert.Equal(MonerodOkHex, Convert.ToHexStringLower(reply.Body));
        var answer = GetHashesResponse.FromSection(EpeeStorage.Read(reply.Body, EpeeLimits.Rpc));
        Assert.Equal((Genesis, 0UL, 1UL, "OK"), (Assert.Single(answer.BlockIds), answer.StartHeight, answer.CurrentHeight, answer.Status));
    }

    [Fact]
    public async Task A_history_not_ending_with_our_genesis_fails_with_score_one_as_monerod_answers_it()
    {
        var (reply, score) = await CallAsync(Request([new Hash32(Enumerable.Repeat((byte)0x11, 32).ToArray())], startHeight: 7));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(1, score);
        Assert.Equal(MonerodFailedHex, Convert.ToHexStringLower(reply.Body));
    }

    [Fact]
    public async Task The_genesis_anywhere_but_last_fails()
    {
        var (reply, score) = await CallAsync(Request([Genesis, Hash32.Parse(new string('b', 64))]));
        Assert.Equal("Failed", GetHashesResponse.FromSection(EpeeStorage.Read(reply.Body, EpeeLimits.Rpc)).Status);
        Assert.Equal(1, score);
    }

    [Fact]
    public async Task No_block_ids_and_a_blob_that_is_not_whole_hashes_both_fail_with_score_one()
    {
        var none = new EpeeSection();
        none.Add("start_height", EpeeValue.FromUInt64(5));
        var odd = new EpeeSection();
        odd.Add("block_ids", EpeeValue.FromBytes([.. Genesis.ToArray(), 0x00]));

        foreach (var body in new[] { Body(none), Body(odd) })
        {
            var (reply, score) = await CallAsync(body);
            var answer = GetHashesResponse.FromSection(EpeeStorage.Read(reply.Body, EpeeLimits.Rpc));
            Assert.Equal(("Failed", 0UL, 1), (answer.Status, answer.CurrentHeight, score));
        }
    }

    [Fact]
    public async Task A_start_height_of_digits_is_read_as_epee_does()
    {
        var section = new EpeeSection();
        section.Add("start_height", EpeeValue.FromString("12"));
        var (reply, _) = await CallAsync(Body(section));
        Assert.Equal(12UL, GetHashesResponse.FromSection(EpeeStorage.Read(reply.Body, EpeeLimits.Rpc)).StartHeight);
    }

    public static TheoryData<byte[]> BadBodies()
    {
        var boolHeight = new EpeeSection();
        boolHeight.Add("start_height", EpeeValue.FromBool(true));
        var numberClient = new EpeeSection();
        numberClient.Add("client", EpeeValue.FromUInt64(1));
        var arrayIds = new EpeeSection();
        var array = new EpeeArray(EpeeType.UInt8);
        array.Add(EpeeValue.FromUInt8(1));
        arrayIds.Add("block_ids", EpeeValue.FromArray(array));
        return [[], "hello"u8.ToArray(), Body(boolHeight), Body(numberClient), Body(arrayIds)];
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_body_epee_cannot_load_is_400_and_scores_nothing(byte[] body)
    {
        var (reply, score) = await CallAsync(body);
        Assert.Equal((400, "Bad request", "text/plain", 0), (reply.StatusCode, reply.ReasonPhrase, reply.ContentType, reply.Body.Length));
        Assert.Equal(0, score);
    }

    [Fact]
    public void It_is_served_by_restricted_servers_too()
    {
        var registry = FakeMethods.Registry(new FakeNodeQuery(), new FakeTimeProvider(RunningServer.Epoch), restricted: true);
        Assert.True(registry.TryGetBinaryEndpoint("/get_hashes.bin", out var method));
        Assert.True(method.AllowedInRestrictedMode);
        Assert.False(registry.TryGetUriEndpoint("/get_hashes.bin", out _));
        Assert.Throws<ArgumentException>(() => registry.AddUriEndpoint("/gethashes.bin", new FakeMethods.Echo("echo2", true)));
    }
}
