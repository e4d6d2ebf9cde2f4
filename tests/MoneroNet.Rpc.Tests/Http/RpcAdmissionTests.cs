using System.Net;
using MoneroNet.Rpc.Http;

namespace MoneroNet.Rpc.Tests.Http;

public sealed class RpcAdmissionTests
{
    private static IPAddress Ip(string text) => IPAddress.Parse(text);

    [Fact]
    public void Defaults_are_monerods()
    {
        var options = new RpcServerOptions();
        Assert.Equal((100, 3, 25), (options.MaxConnections, options.MaxConnectionsPerPublicIp, options.MaxConnectionsPerPrivateIp));
    }

    [Theory]
    [InlineData("8.8.8.8", 3)]
    [InlineData("127.0.0.2", 25)]
    [InlineData("10.1.2.3", 25)]
    [InlineData("172.16.0.1", 25)]
    [InlineData("172.31.255.1", 25)]
    [InlineData("172.32.0.1", 3)]
    [InlineData("192.168.7.7", 25)]
    [InlineData("fe80::1", 25)]
    [InlineData("fd00::1", 3)]
    [InlineData("2001:db8::1", 3)]
    [InlineData("::ffff:10.0.0.1", 25)]
    public void Each_source_gets_its_private_or_public_cap(string address, int cap)
    {
        var admission = new RpcAdmission(100, 3, 25);
        for (int i = 0; i < cap; i++) Assert.True(admission.TryAdmit(Ip(address)), $"connection {i + 1}");
        Assert.False(admission.TryAdmit(Ip(address)));
        Assert.Equal(cap, admission.Open);

        admission.Release(Ip(address));
        Assert.True(admission.TryAdmit(Ip(address)));
    }

    [Fact]
    public void Global_IPv6_addresses_share_their_64_and_others_do_not()
    {
        var admission = new RpcAdmission(100, 3, 25);
        Assert.True(admission.TryAdmit(Ip("2001:db8:1:2::1")));
        Assert.True(admission.TryAdmit(Ip("2001:db8:1:2::2")));
        Assert.True(admission.TryAdmit(Ip("2001:db8:1:2:ffff::3")));
        Assert.False(admission.TryAdmit(Ip("2001:db8:1:2::4")));
        Assert.True(admission.TryAdmit(Ip("2001:db8:1:3::1")));

        // Unique-local addresses are counted one by one, at the public cap (monerod's is_local is link-local only).
        for (int i = 1; i <= 5; i++) Assert.True(admission.TryAdmit(Ip($"fd00::{i}")));
    }

    [Fact]
    public void The_total_cap_refuses_everyone_but_the_loopback_reserve()
    {
        var admission = new RpcAdmission(10, 3, 5);
        for (int i = 0; i < 5; i++) Assert.True(admission.TryAdmit(Ip("127.0.0.2")));
        for (int i = 0; i < 5; i++) Assert.True(admission.TryAdmit(Ip("127.0.0.3")));
        Assert.False(admission.TryAdmit(Ip("127.0.0.4")));
        Assert.False(admission.TryAdmit(Ip("8.8.8.8")));

        for (int i = 0; i < RpcAdmission.LoopbackReserve; i++) Assert.True(admission.TryAdmit(Ip("127.0.0.1")));
        Assert.False(admission.TryAdmit(Ip("::1")));
        Assert.Equal(10 + RpcAdmission.LoopbackReserve, admission.Open);

        // Others get in again only once the server is below its cap.
        admission.Release(Ip("127.0.0.2"));
        Assert.False(admission.TryAdmit(Ip("127.0.0.4")));
        for (int i = 0; i < RpcAdmission.LoopbackReserve; i++) admission.Release(Ip("127.0.0.1"));
        Assert.True(admission.TryAdmit(Ip("127.0.0.4")));
    }

    [Fact]
    public void The_loopback_reserve_never_lifts_the_per_source_cap()
    {
        var admission = new RpcAdmission(100, 3, 2);
        Assert.True(admission.TryAdmit(Ip("::1")));
        Assert.True(admission.TryAdmit(Ip("::1")));
        Assert.False(admission.TryAdmit(Ip("::1")));
    }

    [Fact]
    public void Releasing_an_unknown_source_changes_nothing()
    {
        var admission = new RpcAdmission(100, 3, 25);
        admission.Release(Ip("8.8.8.8"));
        Assert.Equal(0, admission.Open);
    }

    [Theory]
    [InlineData(2, 3, 1)]
    [InlineData(2, 1, 3)]
    public void A_per_source_cap_above_the_total_is_refused(int total, int perPublic, int perPrivate)
    {
        Assert.Throws<ArgumentException>(() => new RpcAdmission(total, perPublic, perPrivate));
        Assert.Throws<ArgumentException>(() => new RpcServer(
            new RpcServerOptions { Port = 0, MaxConnections = total, MaxConnectionsPerPublicIp = perPublic, MaxConnectionsPerPrivateIp = perPrivate },
            new Support.FakeNodeQuery(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
    }
}
