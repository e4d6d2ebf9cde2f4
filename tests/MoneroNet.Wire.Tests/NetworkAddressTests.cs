using CsCheck;
using System.Net;
using MoneroNet.Epee;

namespace MoneroNet.Wire.Tests;

public class NetworkAddressTests
{
    private const string V3Onion = "vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd.onion";
    private static readonly string B32I2p = new string('a', 52) + ".b32.i2p";

    [Fact]
    public void Ipv4_m_ip_holds_the_octets_in_little_endian_byte_order()
    {
        var a = NetworkAddress.FromIPv4(167903424, 28080);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), a.IPAddress);
        Assert.Equal(167903424U, NetworkAddress.FromIP(IPAddress.Parse("192.0.2.10"), 1).IPv4Packed);
        Assert.Equal("192.0.2.10:28080", a.ToString());
        Assert.Equal("192.0.2.10", a.HostString());
        Assert.Equal(1, a.TypeId);
    }

    [Fact]
    public void Strings_and_type_ids_match_monerod()
    {
        var v6 = NetworkAddress.FromIP(IPAddress.IPv6Loopback, 18080);
        Assert.Equal("[::1]:18080", v6.ToString());
        Assert.Equal("::1", v6.HostString());
        Assert.Equal(2, v6.TypeId);

        var tor = NetworkAddress.Tor(V3Onion, 18083);
        Assert.Equal($"{V3Onion}:18083", tor.ToString());
        Assert.Equal(V3Onion, tor.HostString());
        Assert.Equal(4, tor.TypeId);
        Assert.Equal(V3Onion, NetworkAddress.Tor(V3Onion, 0).ToString());

        var i2p = NetworkAddress.I2p(B32I2p, 0);
        Assert.Equal(B32I2p, i2p.ToString());
        Assert.Equal(3, i2p.TypeId);

        Assert.Equal("<none>", NetworkAddress.Invalid.ToString());
        Assert.Equal(0, NetworkAddress.Invalid.TypeId);
    }

    [Fact]
    public void Invalid_onion_and_i2p_hosts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => NetworkAddress.Tor("abc.onion", 1));
        Assert.Throws<ArgumentException>(() => NetworkAddress.Tor(V3Onion.Replace(".onion", ".onion1"), 1));
        Assert.Throws<ArgumentException>(() => NetworkAddress.I2p("short.b32.i2p", 1));
    }

    [Fact]
    public void Endpoint_conversions()
    {
        var fromV4 = NetworkAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 39210));
        Assert.Equal(NetworkAddressType.IPv4, fromV4.Type);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 39210), fromV4.ToIPEndPoint());

        var mapped = NetworkAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.12"), 5));
        Assert.Equal(NetworkAddressType.IPv4, mapped.Type);
        Assert.Equal("127.0.0.12:5", mapped.ToString());

        var v6 = NetworkAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("2001:db8::10"), 28080));
        Assert.Equal("[2001:db8::10]:28080", v6.ToString());
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::10"), 28080), v6.ToIPEndPoint());

        Assert.Null(NetworkAddress.Tor(V3Onion, 1).ToIPEndPoint());
        Assert.Null(NetworkAddress.Invalid.ToIPEndPoint());
    }

    [Fact]
    public void Sections_round_trip_for_every_type()
    {
        NetworkAddress[] all =
        [
            NetworkAddress.FromIPv4(167903424, 28080),
            NetworkAddress.FromIP(IPAddress.Parse("2001:db8::10"), 28080),
            NetworkAddress.Tor(V3Onion, 18083),
            NetworkAddress.I2p(B32I2p, 0),
            NetworkAddress.Invalid,
        ];
        foreach (var a in all)
        {
            var back = NetworkAddress.FromSection(EpeeStorage.Read(EpeeStorage.ToArray(a.ToSection()), EpeeLimits.Levin));
            Assert.Equal(a, back);
        }
        Assert.Equal(["type"], NetworkAddress.Invalid.ToSection().Entries.Select(e => e.Key));
    }

    [Fact]
    public void Ipv6_addr_blob_of_the_wrong_length_loads_as_unspecified()
    {
        var s = new EpeeSection();
        s.Add("type", EpeeValue.FromUInt8(2));
        var addr = new EpeeSection();
        addr.Add("addr", EpeeValue.FromBytes(new byte[15]));
        addr.Add("m_port", EpeeValue.FromUInt16(7));
        s.Add("addr", EpeeValue.FromSection(addr));
        Assert.Equal("[::]:7", NetworkAddress.FromSection(s).ToString());
    }
}

/// <summary>The anonymity hosts as the command line and the zones use them: parsing, the unknown host, round trips.</summary>
public class AnonymityAddressTests
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    [Theory]
    [InlineData("zpadmjkvyyjdfxqr7bznhwtk6zgdiltudkzmbpcx3d2ja3vfrdkcvzqd.onion", NetworkAddressType.Tor)]
    [InlineData("3g2upl4pq6kufc4m.onion", NetworkAddressType.Tor)]
    [InlineData("udhdrtrcetjm5sxzskjyr5ztpeszydbh4dpl3pl4utgqqw2v4jna.b32.i2p", NetworkAddressType.I2p)]
    public void Valid_names_parse_into_their_zone(string host, NetworkAddressType type)
    {
        Assert.True(NetworkAddress.TryParseAnonymityHost(host, 18083, out var address, out var isAnonymity));
        Assert.True(isAnonymity);
        Assert.Equal(type, address!.Type);
        Assert.Equal(host, address.Host);
        Assert.Equal($"{host}:18083", address.ToString());
        Assert.True(address.IsKnownAnonymityHost);
    }

    [Theory]
    [InlineData("x.onion", true)]
    [InlineData("zpadmjkvyyjdfxqr7bznhwtk6zgdiltudkzmbpcx3d2ja3vfrdkcv1qd.onion", true)] // '1' is not base32
    [InlineData("abc.i2p", true)]
    [InlineData("udhdrtrcetjm5sxzskjyr5ztpeszydbh4dpl3pl4utgqqw2v4jna.i2p", true)]
    [InlineData("example.com", false)]
    public void Invalid_or_other_names_do_not(string host, bool looksAnonymous)
    {
        Assert.False(NetworkAddress.TryParseAnonymityHost(host, 1, out var address, out var isAnonymity));
        Assert.Null(address);
        Assert.Equal(looksAnonymous, isAnonymity);
    }

    [Theory]
    [InlineData(NetworkAddressType.Tor, "<unknown tor host>")]
    [InlineData(NetworkAddressType.I2p, "<unknown i2p host>")]
    public void The_unknown_host_prints_as_monerod_and_round_trips_but_is_not_a_known_host(NetworkAddressType type, string text)
    {
        var unknown = NetworkAddress.UnknownHostOf(type);
        Assert.Equal(text, unknown.ToString());
        Assert.Equal(text, unknown.HostString());
        Assert.False(unknown.IsKnownAnonymityHost);
        Assert.Equal(unknown, NetworkAddress.FromSection(unknown.ToSection()));
    }

    [Fact]
    public void Any_valid_onion_round_trips_through_epee()
    {
        var name = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 31].Array[56]);
        name.Sample((v3, letters) =>
        {
            string host = string.Concat(letters.Take(v3 == 1 ? 56 : 16).Select(i => Base32[i])) + ".onion";
            Assert.True(NetworkAddress.TryParseAnonymityHost(host, 18083, out var address, out _));
            Assert.Equal(address, NetworkAddress.FromSection(address!.ToSection()));
        });
    }
}
