using MoneroNet.P2P.Connections;

namespace MoneroNet.P2P.Tests;

/// <summary>IdleTimer against monerod's socket timer (abstract_tcp_server2.inl start_timer / get_timeout_from_bytes_read).</summary>
public class IdleTimerTests
{
    // One tick per microsecond keeps the arithmetic readable.
    private const long Frequency = 1_000_000;
    private const long Second = Frequency;

    private static IdleTimer NewTimer(long now) =>
        new(now, initial: TimeSpan.FromSeconds(10), afterWrite: TimeSpan.FromSeconds(300), Frequency);

    [Fact]
    public void A_fresh_connection_gets_the_initial_timeout()
    {
        var t = NewTimer(50 * Second);
        Assert.Equal(60 * Second, t.Deadline);
        Assert.False(t.Expired(60 * Second - 1));
        Assert.True(t.Expired(60 * Second));
    }

    [Fact]
    public void A_read_adds_two_tenths_of_a_millisecond_per_byte()
    {
        var t = NewTimer(0);
        t.OnRead(5000, 1 * Second); // 5000 × 0.2 ms = 1 s
        Assert.Equal(11 * Second, t.Deadline);
        t.OnRead(1, 2 * Second); // 200 µs
        Assert.Equal(11 * Second + 200, t.Deadline);
    }

    [Fact]
    public void Reads_never_push_the_deadline_beyond_the_default_timeout()
    {
        var t = NewTimer(0);
        t.OnRead(100_000_000, 1 * Second); // 20 000 s of credit, capped at now + 300 s
        Assert.Equal(301 * Second, t.Deadline);
    }

    [Fact]
    public void A_write_resets_to_the_default_timeout_from_now()
    {
        var t = NewTimer(0);
        t.OnWrite(7 * Second);
        Assert.Equal(307 * Second, t.Deadline);
        Assert.False(t.Expired(306 * Second));
        Assert.True(t.Expired(307 * Second));
    }

    [Fact]
    public void A_write_also_shortens_a_longer_initial_timeout()
    {
        // monerod's local peers: 20 min fresh, 30 min after a write; a remote fresh 10 s becomes 5 min. Here the
        // initial timeout is longer than the default, so a write brings the deadline forward.
        var t = new IdleTimer(0, TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(60), Frequency);
        t.OnWrite(1 * Second);
        Assert.Equal(61 * Second, t.Deadline);
    }
}
