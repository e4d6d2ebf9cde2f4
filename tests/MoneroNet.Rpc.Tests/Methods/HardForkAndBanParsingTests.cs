using System.Net;
using System.Text.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Methods.Bans;
using MoneroNet.Rpc.Methods.Info;
using MoneroNet.Rpc.Node;
using MoneroNet.Rpc.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.Rpc.Tests.Methods;

/// <summary>hard_fork_info against answers of fresh live monerod 0.18 nodes, and monerod's host/subnet parsing rules.</summary>
public sealed class HardForkAndBanParsingTests
{
    /// <summary>Values from fresh monerod 0.18 nodes (genesis only) asked on 2026-11-28.</summary>
    [Theory]
    [InlineData(NodeNetwork.Testnet, 0, 1UL, false, 0UL, 624634UL)]
    [InlineData(NodeNetwork.Stagenet, 0, 1UL, false, 0UL, 32000UL)]
    [InlineData(NodeNetwork.Fakechain, 0, 16UL, true, 0UL, 1UL)]
    [InlineData(NodeNetwork.Fakechain, 1, 16UL, true, 1UL, 0UL)]
    [InlineData(NodeNetwork.Mainnet, 0, 1UL, false, 0UL, 1009827UL)]
    [InlineData(NodeNetwork.Mainnet, 1, 1UL, true, 1UL, 1UL)]
    [InlineData(NodeNetwork.Testnet, 17, 1UL, false, 0UL, ulong.MaxValue)]
    public async Task Hard_fork_info_answers_as_a_fresh_monerod(
        NodeNetwork network, int version, ulong current, bool enabled, ulong votes, ulong earliestHeight)
    {
        var node = new FakeNodeQuery();
        node.Info = node.Info with { Network = network };
        var method = new HardForkInfoMethod(node, new FakeTimeProvider(RunningServer.Epoch));
        var parameters = version == 0 ? RpcParams.Empty : new RpcParams(new Rpc.Json.RpcJsonObject().Set("version", (ulong)version));

        var result = (await method.InvokeAsync(parameters, CancellationToken.None)).Result!;

        using var json = JsonDocument.Parse(Rpc.Json.EpeeJsonWriter.WriteToString(result));
        var r = json.RootElement;
        Assert.Equal(current, r.GetProperty("version").GetUInt64());
        Assert.Equal(enabled, r.GetProperty("enabled").GetBoolean());
        Assert.Equal(votes, r.GetProperty("votes").GetUInt64());
        Assert.Equal(earliestHeight, r.GetProperty("earliest_height").GetUInt64());
        Assert.Equal(1UL, r.GetProperty("window").GetUInt64());
        Assert.Equal(0UL, r.GetProperty("threshold").GetUInt64());
        Assert.Equal(16UL, r.GetProperty("voting").GetUInt64());
        Assert.Equal(0UL, r.GetProperty("state").GetUInt64()); // years after the last fork: "likely forked"
        Assert.Equal("OK", r.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7:18080", "192.0.2.7")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("0x7f.0.0.1", "127.0.0.1")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("[2001:db8::1]:80", "2001:db8::1")]
    public void Hosts_are_read_as_monerod_reads_them(string text, string expected)
    {
        Assert.True(BanHostParser.TryParseHost(text, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("bad host!")]
    [InlineData("")]
    [InlineData("2001:db8::1")] // monerod takes the text after the last ':' as a port
    [InlineData("255.255.255.255")] // inet_addr's error value
    [InlineData("1.2.3.4:99999")]
    [InlineData("abc.onion")]
    [InlineData("256.1.1.1")]
    public void Unsupported_hosts_are_refused(string text) => Assert.False(BanHostParser.TryParseHost(text, out _));

    [Theory]
    [InlineData("198.51.100.7/24", "198.51.100.0/24")]
    [InlineData("10.0.0.1/32", "10.0.0.1/32")]
    [InlineData("10.1.2.3/0", "0.0.0.0/0")]
    public void Subnets_are_masked(string text, string expected)
    {
        Assert.True(BanHostParser.TryParseIpv4Subnet(text, out var subnet));
        Assert.Equal(expected, BanHostParser.Format(subnet));
    }

    [Theory]
    [InlineData("198.51.100.0")]
    [InlineData("198.51.100.0/33")]
    [InlineData("2001:db8::/32")]
    [InlineData("198.51.100.0/")]
    public void Non_subnets_are_not_subnets(string text) => Assert.False(BanHostParser.TryParseIpv4Subnet(text, out _));

    [Fact]
    public void Packed_ipv4_is_little_endian_of_network_order()
    {
        Assert.Equal(117571776u, PackedIpv4.Pack(IPAddress.Parse("192.0.2.7")));
        Assert.Equal(IPAddress.Parse("10.0.0.10"), PackedIpv4.Unpack(167772170));
    }

    [Fact]
    public async Task Banned_answers_for_ipv6_hosts_in_brackets()
    {
        var node = new FakeNodeQuery();
        new FakeNodeControl(node).Ban(IPAddress.Parse("2001:db8::5"), TimeSpan.FromSeconds(50));
        var result = await new BannedMethod(node).InvokeAsync(
            new RpcParams(new Rpc.Json.RpcJsonObject().Set("address", "[2001:db8::5]")), CancellationToken.None);

        Assert.Equal(
            "{\r\n  \"banned\": true,\r\n  \"seconds\": 50,\r\n  \"status\": \"OK\"\r\n}",
            Rpc.Json.EpeeJsonWriter.WriteToString(result.Result!));
    }
}
