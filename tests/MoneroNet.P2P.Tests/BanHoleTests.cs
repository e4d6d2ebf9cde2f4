using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>
/// Unbanning inside a banned subnet punches a hole (monerod master's unblock_subnet, monero issue 10325), and every ban
/// keeps its source and creation time (extended get_bans).
/// </summary>
public class BanHoleTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static IPNetwork Net(string text) => IPNetwork.Parse(text);

    private static IPAddress Ip(string text) => IPAddress.Parse(text);

    private static bool Banned(BanList bans, string ip) => bans.IsBanned(Ip(ip), out _);

    [Fact]
    public void Monerod_masters_subnet_arithmetic_test_gives_the_same_answers()
    {
        // tests/unit_tests/node_server.cpp, TEST(ban, subnet_arithmetic), on our list.
        var bans = new BanList(new FakeTimeProvider(Start));
        bans.Ban(Net("172.16.0.0/16"), TimeSpan.FromSeconds(10));
        bans.Ban(Net("172.16.1.0/24"), TimeSpan.FromSeconds(10));
        Assert.True(bans.Unban(Net("172.16.0.0/16")));
        Assert.False(Banned(bans, "172.16.1.1"));
        Assert.Empty(bans.Snapshot());

        bans.Ban(Net("172.16.0.0/12"), TimeSpan.FromSeconds(10));
        Assert.True(Banned(bans, "172.16.1.1"));
        Assert.True(bans.Unban(Net("172.16.1.0/24")));
        Assert.False(Banned(bans, "172.16.1.1"));
        Assert.False(Banned(bans, "172.16.1.255"));
        Assert.True(Banned(bans, "172.16.0.255"));
        Assert.True(Banned(bans, "172.16.2.0"));
        Assert.True(Banned(bans, "172.31.255.255"));
        Assert.False(Banned(bans, "172.15.255.255"));
        Assert.False(Banned(bans, "172.32.0.0"));
        Assert.Equal(12, bans.Snapshot().Count(b => b.IsSubnet));

        bans.Ban(Ip("172.16.2.42"), TimeSpan.FromSeconds(10));
        Assert.True(bans.Unban(Net("172.16.2.0/24")));
        Assert.False(Banned(bans, "172.16.2.42"));
        Assert.False(Banned(bans, "172.16.2.255"));
        Assert.True(Banned(bans, "172.16.3.0"));
        Assert.Equal(12, bans.Snapshot().Count(b => b.IsSubnet));

        Assert.True(bans.Unban(Net("172.16.3.7/32")));
        Assert.True(Banned(bans, "172.16.3.6"));
        Assert.False(Banned(bans, "172.16.3.7"));
        Assert.True(Banned(bans, "172.16.3.8"));

        bans.Ban(Net("203.0.113.9/32"), TimeSpan.FromSeconds(10));
        Assert.True(Banned(bans, "203.0.113.9"));
        Assert.False(Banned(bans, "203.0.113.8"));
        Assert.True(bans.Unban(Net("203.0.113.9/32")));
        Assert.False(Banned(bans, "203.0.113.9"));

        bans.Ban(Ip("10.1.2.3"), TimeSpan.FromSeconds(10));
        bans.Ban(Net("192.0.2.0/24"), TimeSpan.FromSeconds(10));
        Assert.True(bans.Unban(Net("0.0.0.0/0")));
        Assert.False(Banned(bans, "10.1.2.3"));
        Assert.False(Banned(bans, "192.0.2.100"));
        Assert.Empty(bans.Snapshot());

        bans.Ban(Net("0.0.0.0/0"), TimeSpan.FromSeconds(10));
        Assert.True(Banned(bans, "0.0.0.0"));
        Assert.True(Banned(bans, "255.255.255.255"));
        Assert.True(bans.Unban(Net("203.0.113.9/32")));
        Assert.True(Banned(bans, "203.0.113.8"));
        Assert.False(Banned(bans, "203.0.113.9"));
        Assert.True(Banned(bans, "203.0.113.10"));
        Assert.Equal(32, bans.Snapshot().Count);
        Assert.True(bans.Unban(Net("0.0.0.0/0")));
        Assert.Empty(bans.Snapshot());
    }

    [Fact]
    public void Unbanning_a_host_inside_a_banned_subnet_punches_its_slash_32_and_the_rest_keeps_source_time_and_expiry()
    {
        var time = new FakeTimeProvider(Start);
        var bans = new BanList(time);
        bans.Ban(Net("10.0.0.0/8"), TimeSpan.FromHours(1), BanSources.Rpc);
        time.Advance(TimeSpan.FromSeconds(100));

        Assert.True(bans.Unban(Ip("10.1.2.3")));

        Assert.False(Banned(bans, "10.1.2.3"));
        Assert.True(Banned(bans, "10.1.2.2"));
        Assert.True(Banned(bans, "10.1.2.4"));
        Assert.True(Banned(bans, "10.255.255.255"));
        var pieces = bans.Snapshot();
        Assert.Equal(24, pieces.Count);
        Assert.All(pieces, p => Assert.Equal(BanSources.Rpc, p.Source));
        Assert.All(pieces, p => Assert.Equal(Start.ToUnixTimeSeconds(), p.CreatedUnixSeconds));
        Assert.All(pieces, p => Assert.Equal(3500, p.SecondsRemaining));
        Assert.False(bans.Unban(Ip("10.1.2.3")), "nothing left to lift");
        Assert.False(bans.Unban(Ip("192.0.2.1")));
    }

    [Fact]
    public void An_ipv6_hole_in_an_ipv6_subnet()
    {
        var bans = new BanList(new FakeTimeProvider(Start));
        bans.Ban(Net("2001:db8::/32"), null);
        Assert.True(bans.Unban(Ip("2001:db8::1")));
        Assert.False(Banned(bans, "2001:db8::1"));
        Assert.True(Banned(bans, "2001:db8::2"));
        Assert.True(Banned(bans, "2001:db8:ffff::"));
        Assert.Equal(96, bans.Snapshot().Count);
        Assert.All(bans.Snapshot(), p => Assert.Null(p.SecondsRemaining));
    }

    [Fact]
    public void Overlapping_bans_that_leave_the_same_block_keep_the_longer()
    {
        var bans = new BanList(new FakeTimeProvider(Start));
        bans.Ban(Net("10.0.0.0/8"), TimeSpan.FromSeconds(10), BanSources.Rpc);
        bans.Ban(Net("10.0.0.0/9"), TimeSpan.FromSeconds(500), BanSources.Auto("test"));
        Assert.True(bans.Unban(Net("10.0.0.0/10")));
        var left = bans.Snapshot().ToDictionary(b => b.Host);
        // 10.0/8 leaves 10.128/9 and 10.64/10; 10.0/9 leaves 10.64/10 as well: it keeps the later end and its source.
        Assert.Equal(2, left.Count);
        Assert.Equal(10, left["10.128.0.0/9"].SecondsRemaining);
        Assert.Equal(500, left["10.64.0.0/10"].SecondsRemaining);
        Assert.Equal("auto:test", left["10.64.0.0/10"].Source);
    }

    /// <summary>Property: for random blocked and removed subnets, the pieces are exactly blocked minus removed.</summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork, 1)]
    [InlineData(AddressFamily.InterNetwork, 2)]
    [InlineData(AddressFamily.InterNetworkV6, 3)]
    public void Subtraction_leaves_exactly_the_blocked_addresses_outside_the_hole(AddressFamily family, int seed)
    {
        var random = new Random(seed);
        int width = family == AddressFamily.InterNetwork ? 32 : 128;
        for (int round = 0; round < 500; round++)
        {
            var blocked = RandomNet(random, family, width, random.Next(0, width + 1));
            // Half the time a hole inside the blocked subnet (the interesting case), else anywhere.
            var removed = random.Next(2) == 0
                ? Inside(random, blocked, width)
                : RandomNet(random, family, width, random.Next(0, width + 1));

            var pieces = SubnetArithmetic.Subtract(blocked, removed);

            bool overlap = SubnetArithmetic.Overlap(blocked, removed);
            bool covered = overlap && removed.PrefixLength <= blocked.PrefixLength;
            int expected = !overlap ? 1 : covered ? 0 : removed.PrefixLength - blocked.PrefixLength;
            Assert.Equal(expected, pieces.Count);
            for (int i = 0; i < pieces.Count; i++)
            {
                Assert.True(blocked.Contains(pieces[i].BaseAddress) && pieces[i].PrefixLength >= blocked.PrefixLength);
                if (overlap) Assert.False(SubnetArithmetic.Overlap(pieces[i], removed));
                else Assert.Equal(blocked, pieces[i]);
                for (int j = i + 1; j < pieces.Count; j++) Assert.False(SubnetArithmetic.Overlap(pieces[i], pieces[j]));
            }
            for (int probe = 0; probe < 20; probe++)
            {
                var ip = probe % 2 == 0 ? RandomInside(random, blocked, width) : RandomInside(random, removed, width);
                bool kept = pieces.Any(p => p.Contains(ip));
                Assert.Equal(blocked.Contains(ip) && !removed.Contains(ip), kept);
            }
        }
    }

    [Fact]
    public void A_subnet_of_the_other_family_is_no_hole()
    {
        var v4 = Net("10.0.0.0/8");
        Assert.Equal([v4], SubnetArithmetic.Subtract(v4, Net("::/0")));
    }

    [Fact]
    public async Task Sources_rpc_ban_list_file_and_auto_with_creation_time()
    {
        var dir = Directory.CreateTempSubdirectory("bans-");
        try
        {
            var file = Path.Combine(dir.FullName, "my-bans.txt");
            await File.WriteAllTextAsync(file, "198.51.100.0/24\n192.0.2.9\n");
            await using var node = await TestNode.StartOnOwnHostAsync(o => o with { BanListFile = file });
            node.Node.Bans.Ban(Ip("192.0.2.1"), TimeSpan.FromMinutes(5));
            node.Node.AddressBook.AddHostFail(Ip("192.0.2.2"), 11, "bad_peer_list");

            var bans = node.Node.Bans.Snapshot().ToDictionary(b => b.Host);
            Assert.Equal("rpc", bans["192.0.2.1"].Source);
            Assert.Equal("auto:bad_peer_list", bans["192.0.2.2"].Source);
            Assert.Equal("ban_list:my-bans.txt", bans["192.0.2.9"].Source);
            Assert.Equal("ban_list:my-bans.txt", bans["198.51.100.0/24"].Source);
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Assert.All(bans.Values, b => Assert.InRange(b.CreatedUnixSeconds, now - 60, now + 1));

            // A hole punched into a file ban closes again when the file is re-read: the file says what it bans.
            Assert.True(node.Node.Bans.Unban(Ip("198.51.100.7")));
            Assert.False(node.Node.Bans.IsBanned(Ip("198.51.100.7"), out _));
            Assert.True((await node.Node.ReloadBanListAsync()).Reloaded);
            Assert.True(node.Node.Bans.IsBanned(Ip("198.51.100.7"), out _));
            Assert.Equal("rpc", node.Node.Bans.Snapshot().Single(b => b.Host == "192.0.2.1").Source);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static IPNetwork Inside(Random random, IPNetwork blocked, int width)
    {
        int prefix = random.Next(blocked.PrefixLength, width + 1);
        return new IPNetwork(Mask(RandomInside(random, blocked, width), prefix, width), prefix);
    }

    private static IPNetwork RandomNet(Random random, AddressFamily family, int width, int prefix)
    {
        var bytes = new byte[width / 8];
        random.NextBytes(bytes);
        // Keep random subnets near each other often enough to overlap: fix the first byte.
        bytes[0] = 10;
        return new IPNetwork(Mask(new IPAddress(bytes), prefix, width), prefix);
    }

    private static IPAddress RandomInside(Random random, IPNetwork net, int width)
    {
        var bytes = new byte[width / 8];
        random.NextBytes(bytes);
        var baseBytes = net.BaseAddress.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(net.PrefixLength - i * 8, 0, 8);
            byte mask = (byte)(0xff << (8 - keep));
            bytes[i] = (byte)((baseBytes[i] & mask) | (bytes[i] & ~mask));
        }
        return new IPAddress(bytes);
    }

    private static IPAddress Mask(IPAddress ip, int prefix, int width) => BanList.MaskHostBits(ip, Math.Min(prefix, width));
}
