namespace MoneroNet.P2P.Tests.Support;

/// <summary>A wall clock a test moves by hand (timers and timestamps stay the system's).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
