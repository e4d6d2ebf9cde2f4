using System.Net;
using MoneroNet.P2P.Bans;

namespace MoneroNet.P2P.Tests;

/// <summary>monerod's add_host_fail arithmetic, and the bound on the score table.</summary>
public class HostFailScoresTests
{
    [Fact]
    public void Eleven_points_ban_and_leave_a_score_of_five()
    {
        var scores = new HostFailScores();
        var ip = IPAddress.Parse("203.0.113.7");
        for (int i = 0; i < HostFailScores.FailsBeforeBlock; i++) Assert.False(scores.Add(ip, 1));
        Assert.True(scores.Add(ip, 1));
        Assert.Equal(HostFailScores.FailsBeforeBlock / 2, scores.ScoreOf(ip));
    }

    [Fact]
    public void The_table_stays_bounded_and_forgets_the_host_untouched_longest()
    {
        var scores = new HostFailScores();
        var first = IPAddress.Parse("2001:db8::1");
        var busy = IPAddress.Parse("2001:db8::2");
        scores.Add(first, 3);
        scores.Add(busy, 3);
        // One address after another, as an attacker with an IPv6 /64 can; the busy host keeps offending.
        for (int i = 0; i < HostFailScores.MaxHosts + 500; i++)
        {
            var bytes = new byte[16];
            bytes[0] = 0x20; bytes[1] = 0x01; bytes[2] = 0x0d; bytes[3] = 0xb9;
            BitConverter.TryWriteBytes(bytes.AsSpan(8), (long)i + 1);
            scores.Add(new IPAddress(bytes), 1);
            if (i % 1000 == 0) scores.Add(busy, 0);
        }
        Assert.Equal(HostFailScores.MaxHosts, scores.Count);
        Assert.Equal(0, scores.ScoreOf(first));
        Assert.Equal(3, scores.ScoreOf(busy));
    }
}
