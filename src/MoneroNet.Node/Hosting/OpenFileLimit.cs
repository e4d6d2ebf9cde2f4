using System.Runtime.InteropServices;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// The process's open-file limit (RLIMIT_NOFILE). Every peer and every RPC client costs one descriptor, and the
/// usual soft limit of 1,024 would cap a node far below what it can serve, so at start the node raises its soft limit
/// to the hard limit (the ceiling an unprivileged process may reach) and logs the limit in force. The .NET runtime
/// on Linux already raises it while it starts; doing it here as well keeps the node's own guarantee, and its log
/// line, whatever runtime or host starts it. When it cannot, it keeps the limit it has and says so.
/// </summary>
public static partial class OpenFileLimit
{
    /// <summary>What <see cref="RaiseToHardLimit"/> found and did.</summary>
    /// <param name="Before">The soft limit at start.</param>
    /// <param name="After">The soft limit now in force.</param>
    /// <param name="Hard">The hard limit.</param>
    /// <param name="Error">Why the limit could not be read or raised; null when all went well.</param>
    public readonly record struct Outcome(ulong Before, ulong After, ulong Hard, string? Error)
    {
        public bool Raised => After > Before;
    }

    private const int RlimitNofile = 7; // Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, in RLimit limit);

    /// <summary>The current soft and hard limits, or null where they cannot be read (not Linux).</summary>
    public static (ulong Soft, ulong Hard)? Read()
    {
        if (!OperatingSystem.IsLinux()) return null;
        return GetRLimit(RlimitNofile, out var limit) == 0 ? (limit.Current, limit.Maximum) : null;
    }

    /// <summary>Raises the soft limit to the hard limit (Linux only; elsewhere reports that nothing was done).</summary>
    public static Outcome RaiseToHardLimit()
    {
        if (!OperatingSystem.IsLinux()) return new Outcome(0, 0, 0, "open-file limits are only managed on Linux");
        if (GetRLimit(RlimitNofile, out var limit) != 0)
            return new Outcome(0, 0, 0, $"getrlimit failed (errno {Marshal.GetLastPInvokeError()})");
        if (limit.Current >= limit.Maximum) return new Outcome(limit.Current, limit.Current, limit.Maximum, null);
        var raised = limit with { Current = limit.Maximum };
        if (SetRLimit(RlimitNofile, raised) != 0)
        {
            return new Outcome(limit.Current, limit.Current, limit.Maximum,
                $"setrlimit to {limit.Maximum} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        return new Outcome(limit.Current, limit.Maximum, limit.Maximum, null);
    }
}
