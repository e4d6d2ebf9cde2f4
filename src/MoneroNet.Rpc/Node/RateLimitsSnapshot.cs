namespace MoneroNet.Rpc.Node;

/// <summary>The node-wide P2P throttle in kB/s, as <c>/get_limit</c> and <c>/set_limit</c> report it; 0 = unlimited.</summary>
public sealed record RateLimitsSnapshot(long UpKBps, long DownKBps)
{
    /// <summary>monerod 0.18's P2P_DEFAULT_LIMIT_RATE_UP: what <c>/set_limit</c>'s -1 restores (docs/PROTOCOL.md §7.7).</summary>
    public const long MonerodDefaultUpKBps = 2048;

    /// <summary>monerod 0.18's P2P_DEFAULT_LIMIT_RATE_DOWN: what <c>/set_limit</c>'s -1 restores.</summary>
    public const long MonerodDefaultDownKBps = 8192;
}
