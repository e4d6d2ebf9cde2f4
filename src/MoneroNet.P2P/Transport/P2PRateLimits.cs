namespace MoneroNet.P2P.Transport;

/// <summary>
/// The node-wide P2P throttle in both directions, as monerod's <c>--limit-rate-up</c>/<c>--limit-rate-down</c> and RPC
/// <c>/set_limit</c> set it: in kB/s (1 kB = 1024 bytes, as monerod multiplies by 1024), shared by every P2P
/// connection, RPC traffic not included (monerod exempts its RPC connections). 0 = unlimited.
/// </summary>
public sealed class P2PRateLimits
{
    /// <summary>monerod 0.18's P2P_DEFAULT_LIMIT_RATE_UP (kB/s).</summary>
    public const long DefaultUpKBps = 2048;

    /// <summary>monerod 0.18's P2P_DEFAULT_LIMIT_RATE_DOWN (kB/s).</summary>
    public const long DefaultDownKBps = 8192;

    private const long BytesPerKB = 1024;

    /// <summary>Both directions at the given kB/s (0 or less = unlimited), timed by <paramref name="time"/>.</summary>
    public P2PRateLimits(long upKBps, long downKBps, TimeProvider time)
    {
        Up = new TransferRateLimit(ToBytes(upKBps), time);
        Down = new TransferRateLimit(ToBytes(downKBps), time);
    }

    /// <summary>What we send to peers (monerod's global "out" throttle).</summary>
    public TransferRateLimit Up { get; }

    /// <summary>What we receive from peers (monerod's global "in" throttle).</summary>
    public TransferRateLimit Down { get; }

    /// <summary>The upload limit in kB/s; 0 = unlimited.</summary>
    public long UpKBps
    {
        get => Up.BytesPerSecond / BytesPerKB;
        set => Up.BytesPerSecond = ToBytes(value);
    }

    /// <summary>The download limit in kB/s; 0 = unlimited.</summary>
    public long DownKBps
    {
        get => Down.BytesPerSecond / BytesPerKB;
        set => Down.BytesPerSecond = ToBytes(value);
    }

    private static long ToBytes(long kBps) => kBps <= 0 ? 0 : Math.Min(kBps, long.MaxValue / BytesPerKB) * BytesPerKB;
}
