using System.Net;
using MoneroNet.P2P.AddressBook;
using Microsoft.Extensions.Time.Testing;

namespace MoneroNet.P2P.Tests;

/// <summary>The address book's dial backoff on a fake clock: min(base·2^(n−1), max) after n failures, forgotten after max.</summary>
public class DialBackoffTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("203.0.113.9"), 18080);

    [Fact]
    public void Each_failure_doubles_the_wait_up_to_the_maximum()
    {
        var time = new FakeTimeProvider();
        var backoff = new DialBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), time);
        Assert.False(backoff.IsBackingOff(Peer));
        foreach (var wait in new[] { 30, 60, 120, 240 })
        {
            backoff.RecordFailure(Peer);
            time.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromTicks(1));
            Assert.True(backoff.IsBackingOff(Peer), $"still waiting just before {wait} s");
            time.Advance(TimeSpan.FromTicks(1));
            Assert.False(backoff.IsBackingOff(Peer), $"free after {wait} s");
        }
        Assert.Equal(4, backoff.FailuresOf(Peer));
    }

    [Fact]
    public void A_success_or_a_quiet_maximum_forgets_the_address()
    {
        var time = new FakeTimeProvider();
        var backoff = new DialBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), time);
        for (int i = 0; i < 20; i++) backoff.RecordFailure(Peer);
        Assert.True(backoff.IsBackingOff(Peer));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(backoff.IsBackingOff(Peer));
        Assert.Equal(0, backoff.FailuresOf(Peer));

        backoff.RecordFailure(Peer);
        backoff.RecordSuccess(Peer);
        Assert.False(backoff.IsBackingOff(Peer));
        Assert.Equal(0, backoff.FailuresOf(Peer));
    }
}
