namespace MoneroNet.P2P.Connections;

/// <summary>
/// What one session may queue for its peer, and the node-wide budget all sessions share. Below
/// <see cref="GuaranteedBytes"/> queued a session may always queue (it is reading); above it, a frame that would pass
/// the budget closes the session.
/// </summary>
internal sealed record SendQueueLimits(int MaxFrames, long MaxBytes, SendBudget Budget, long GuaranteedBytes = SendQueueLimits.DefaultGuaranteedBytes)
{
    /// <summary>16 KiB: more than any single frame this node sends, so one reply to a reading peer always fits.</summary>
    public const long DefaultGuaranteedBytes = 16 * 1024;
}
