using System.Buffers;
using MoneroNet.Epee;
using MoneroNet.Levin;
using MoneroNet.Wire;

namespace MoneroNet.P2P.Protocol;

/// <summary>
/// Turns a Levin body into the section its handler reads. Notifications this node only counts and drops (new
/// transactions, pool complements, object and chain requests, unknown commands) are checked as monerod checks
/// them, with the same epee limits, but not built into a tree: the section handed on is empty. A 100 MB
/// COMMAND_NEW_TRANSACTIONS then costs one walk of its bytes instead of a copy of every value.
/// </summary>
internal static class LevinBodyReader
{
    /// <summary>
    /// Reads <paramref name="body"/> for <paramref name="header"/>; false with the epee error when monerod would not
    /// parse it. <paramref name="section"/> is null for an empty body and for a validated, ignored notification.
    /// </summary>
    public static bool TryRead(in LevinHeader header, in ReadOnlySequence<byte> body,
        out EpeeSection? section, out EpeeFormatException? error)
    {
        if (IsIgnoredNotification(header))
        {
            section = null;
            return EpeeStorage.TryValidate(body, EpeeLimits.Levin, out error);
        }
        return EpeeStorage.TryRead(body, EpeeLimits.Levin, out section, out error);
    }

    /// <summary>
    /// A notification (no response expected, not a response) whose fields no behaviour reads: everything but the
    /// two block notifications, whose height <see cref="NotificationBehaviour"/> takes.
    /// </summary>
    internal static bool IsIgnoredNotification(in LevinHeader header) =>
        !header.ExpectResponse
        && (header.Flags & LevinFlags.Response) == 0
        && header.Command is not (CryptonoteCommands.NewBlock or CryptonoteCommands.NewFluffyBlock);
}
