using System.Globalization;
using System.Runtime.InteropServices;

namespace MoneroNet.LoadTest;

/// <summary>
/// A process's resource use at one instant, read from /proc/&lt;pid&gt;/status (VmRSS, VmHWM, Threads),
/// /proc/&lt;pid&gt;/stat (utime + stime, in clock ticks) and /proc/&lt;pid&gt;/fd (open descriptors).
/// </summary>
public readonly record struct ProcessSample(long RssKiB, long PeakRssKiB, int Threads, long CpuTicks, int OpenFiles, DateTime TakenUtc)
{
    private const int ScClkTck = 2; // sysconf(_SC_CLK_TCK) on Linux

    /// <summary>Clock ticks per second of utime/stime (USER_HZ, 100 on Linux).</summary>
    public static readonly long TicksPerSecond = ReadTicksPerSecond();

    public static ProcessSample Take(int pid)
    {
        long rss = 0, hwm = 0;
        int threads = 0;
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = KiB(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = KiB(line);
            else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = (int)KiB(line);
        }
        // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // rest[0] is field 3 (state), so utime (field 14) is rest[11] and stime (field 15) rest[12].
        long cpu = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        int fds = Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
        return new ProcessSample(rss, hwm, threads, cpu, fds, DateTime.UtcNow);
    }

    /// <summary>CPU used between two samples, as a percentage of one core.</summary>
    public static double CpuPercentOfOneCore(ProcessSample from, ProcessSample to)
    {
        double seconds = (to.TakenUtc - from.TakenUtc).TotalSeconds;
        return seconds <= 0 ? 0 : 100.0 * (to.CpuTicks - from.CpuTicks) / TicksPerSecond / seconds;
    }

    private static long KiB(string line) =>
        long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static long ReadTicksPerSecond()
    {
        try
        {
            long ticks = sysconf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc")]
    private static extern long sysconf(int name);
}
