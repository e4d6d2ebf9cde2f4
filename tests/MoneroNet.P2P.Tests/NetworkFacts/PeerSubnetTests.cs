using System.Net;
using MoneroNet.P2P.NetworkFacts;

namespace MoneroNet.P2P.Tests.NetworkFacts;

public sealed class PeerSubnetTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("203.0.113.0", "203.0.113.0/24")]
    [InlineData("203.0.113.255", "203.0.113.0/24")]
    [InlineData("0.0.0.0", "0.0.0.0/24")]
    [InlineData("255.255.255.255", "255.255.255.0/24")]
    [InlineData("127.0.0.1", "127.0.0.0/24")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.0/24")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1::/48")]
    [InlineData("2001:db8::1", "2001:db8::/48")]
    [InlineData("::1", "::/48")]
    [InlineData("ffff:ffff:ffff:ffff::", "ffff:ffff:ffff::/48")]
    [InlineData("::ffff:0:1", "0.0.0.0/24")]
    public void Canonical_text(string address, string subnet)
    {
        Assert.Equal(subnet, PeerSubnet.From(IPAddress.Parse(address)).ToString());
    }

    [Fact]
    public void Mapped_ipv6_equals_its_ipv4()
    {
        var v4 = PeerSubnet.From(IPAddress.Parse("198.51.100.7"));
        var mapped = PeerSubnet.From(IPAddress.Parse("198.51.100.200").MapToIPv6());

        Assert.Equal(v4, mapped);
        Assert.False(mapped.IsIPv6);
        Assert.Equal(24, mapped.PrefixLength);
    }

    [Fact]
    public void Same_bits_in_different_families_are_different_subnets()
    {
        // 0.0.1.x/24 has prefix value 1, as has 0:0:1::/48.
        var v4 = PeerSubnet.From(IPAddress.Parse("0.0.1.5"));
        var v6 = PeerSubnet.From(IPAddress.Parse("0:0:1::5"));

        Assert.NotEqual(v4, v6);
        Assert.True(v6.IsIPv6);
        Assert.Equal(48, v6.PrefixLength);
        Assert.True(v4.CompareTo(v6) < 0);
    }

    [Fact]
    public void Addresses_of_one_subnet_are_equal_and_hash_alike()
    {
        var a = PeerSubnet.From(IPAddress.Parse("2001:db8:5:ffff::1"));
        var b = PeerSubnet.From(IPAddress.Parse("2001:db8:5::"));
        var c = PeerSubnet.From(IPAddress.Parse("2001:db8:6::"));

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.Equal(IPAddress.Parse("2001:db8:5::"), a.NetworkAddress());
    }

    [Fact]
    public void Computing_a_subnet_allocates_nothing()
    {
        var v4 = IPAddress.Parse("203.0.113.77");
        var v6 = IPAddress.Parse("2001:db8:1::9");
        var mapped = v4.MapToIPv6();
        PeerSubnet.From(v4);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            PeerSubnet.From(v4);
            PeerSubnet.From(v6);
            PeerSubnet.From(mapped);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Other_families_and_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PeerSubnet.From(new byte[5]));
        Assert.Throws<ArgumentException>(() => PeerSubnet.From([]));
    }
}
