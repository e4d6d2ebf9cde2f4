using System.Runtime.InteropServices;

namespace MoneroNet.LoadTest;

/// <summary>
/// RLIMIT_NOFILE of this process. N peers need N sockets here and N in the node, which inherits our limit when we
/// start it, so the soft limit is raised to what the run needs before anything starts: up to the hard limit, or past
/// it when this process may raise the hard limit too (CAP_SYS_RESOURCE).
/// </summary>
public static class FileLimit
{
    private const int RlimitNofile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>Raises the soft limit to at least <paramref name="needed"/>; returns the soft limit now in force.</summary>
    public static ulong Ensure(ulong needed)
    {
        if (getrlimit(RlimitNofile, out var limit) != 0) throw new InvalidOperationException("getrlimit(RLIMIT_NOFILE) failed");
        if (limit.Current >= needed) return limit.Current;
        if (limit.Maximum < needed)
        {
            // Raising the hard limit takes CAP_SYS_RESOURCE (root with its full capabilities; a container's root may
            // lack it); anyone else must have it raised first.
            var raised = new RLimit { Current = needed, Maximum = needed };
            if (setrlimit(RlimitNofile, ref raised) == 0) return needed;
            throw new InvalidOperationException(
                $"{needed} open files are needed but the hard limit is {limit.Maximum} and this process may not raise it (no CAP_SYS_RESOURCE): " +
                "raise it first (prlimit --nofile=N:N -p $$, or ulimit -Hn where that is allowed)");
        }
        limit.Current = needed;
        if (setrlimit(RlimitNofile, ref limit) != 0) throw new InvalidOperationException($"setrlimit(RLIMIT_NOFILE, {needed}) failed");
        return needed;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrlimit(int resource, out RLimit limit);

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, ref RLimit limit);
}
