using System.Net;
using MoneroNet.P2P.Bans;
using MoneroNet.P2P.Tests.Support;

namespace MoneroNet.P2P.Tests;

/// <summary>Expired bans are dropped by the sweep, not only when their own host is looked up again.</summary>
public class BanExpiryTests
{
    [Fact]
    public void PurgeExpired_drops_expired_host_and_subnet_bans_and_keeps_live_ones()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var bans = new BanList(clock);
        for (int i = 0; i < 1000; i++) bans.Ban(new IPAddress([198, 51, (byte)(i / 250), (byte)(i % 250 + 1)]), TimeSpan.FromSeconds(10));
        bans.Ban(IPNetwork.Parse("203.0.113.0/24"), TimeSpan.FromSeconds(10));
        var kept = IPAddress.Parse("192.0.2.1");
        bans.Ban(kept, null);
        var later = IPAddress.Parse("192.0.2.2");
        bans.Ban(later, TimeSpan.FromHours(1));

        clock.Advance(TimeSpan.FromSeconds(11));
        // Nobody looked these hosts up again: they are still held until the sweep.
        Assert.Equal(1003, bans.StoredCount);
        Assert.Equal(1001, bans.PurgeExpired());
        Assert.Equal(2, bans.StoredCount);
        Assert.True(bans.IsBanned(kept, out _));
        Assert.True(bans.IsBanned(later, out var left));
        Assert.Equal(3600 - 11, left);
    }
}
