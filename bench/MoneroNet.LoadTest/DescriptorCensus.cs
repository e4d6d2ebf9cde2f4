using System.Globalization;

namespace MoneroNet.LoadTest;

/// <summary>
/// What a process's open descriptors are, by kind: TCP sockets by local port and state (matched through their inode
/// in /proc/net/tcp and tcp6), other sockets, pipes, anonymous inodes (eventfd, epoll, timerfd …) and files by path.
/// Printed with a drain's figures so that a descriptor count that differs between two drains says what differs.
/// </summary>
public static class DescriptorCensus
{
    /// <summary>TCP states as /proc/net/tcp writes them (hex), named as ss names them.</summary>
    private static readonly Dictionary<string, string> TcpStates = new(StringComparer.Ordinal)
    {
        ["01"] = "estab", ["02"] = "syn-sent", ["03"] = "syn-recv", ["04"] = "fin-wait-1", ["05"] = "fin-wait-2",
        ["06"] = "time-wait", ["07"] = "close", ["08"] = "close-wait", ["09"] = "last-ack", ["0A"] = "listen",
        ["0B"] = "closing",
    };

    /// <summary>Counts by kind, e.g. "tcp :18081 estab" → 3, "pipe" → 2, "file /usr/…/libcoreclr.so" → 1.</summary>
    public static SortedDictionary<string, int> Take(int pid)
    {
        var sockets = TcpSocketsByInode(pid);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries($"/proc/{pid}/fd");
        }
        catch (IOException)
        {
            return counts;
        }
        catch (UnauthorizedAccessException)
        {
            return counts;
        }

        foreach (var entry in entries)
        {
            string? target;
            try
            {
                target = new FileInfo(entry).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed while we looked
            }

            string kind = target switch
            {
                null => "unknown",
                _ when target.StartsWith("socket:[", StringComparison.Ordinal) =>
                    sockets.TryGetValue(target[8..^1], out var tcp) ? tcp : "socket (not tcp)",
                _ when target.StartsWith("pipe:", StringComparison.Ordinal) => "pipe",
                _ when target.StartsWith("anon_inode:", StringComparison.Ordinal) => target,
                _ => "file " + target,
            };
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }
        return counts;
    }

    /// <summary>
    /// Descriptors that hold loaded code: assemblies, native libraries and symbol files. The runtime opens them once, the
    /// first time something needs them (the first exception whose stack trace is printed with line numbers loads
    /// System.Diagnostics.StackTrace, System.Reflection.Metadata, System.Collections.Immutable and a .pdb: 7
    /// descriptors), and keeps them for the life of the process, so they are no leak.
    /// </summary>
    public static int CodeFiles(IReadOnlyDictionary<string, int> census) =>
        census.Where(kv => IsCodeFile(kv.Key)).Sum(kv => kv.Value);

    private static bool IsCodeFile(string kind) =>
        kind.StartsWith("file ", StringComparison.Ordinal) &&
        (kind.EndsWith(".dll", StringComparison.Ordinal) || kind.EndsWith(".pdb", StringComparison.Ordinal) ||
         kind.EndsWith(".so", StringComparison.Ordinal) || kind.Contains(".so.", StringComparison.Ordinal));

    /// <summary>The census as one line, code files summed into one entry: "code files ×190, pipe ×15, tcp :18080 listen ×1, …".</summary>
    public static string Describe(IReadOnlyDictionary<string, int> census) =>
        string.Join(", ", census.Where(kv => !IsCodeFile(kv.Key)).Select(kv => $"{kv.Key} ×{kv.Value}")
            .Prepend($"code files ×{CodeFiles(census)}"));

    /// <summary>What differs from <paramref name="before"/> to <paramref name="after"/>: "+2 tcp :18081 estab, −1 pipe".</summary>
    public static string Difference(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after)
    {
        var parts = new List<string>();
        foreach (var kind in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            int d = after.GetValueOrDefault(kind) - before.GetValueOrDefault(kind);
            if (d != 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{(d > 0 ? "+" : "−")}{Math.Abs(d)} {kind}"));
        }
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>
    /// Each TCP socket's label: "tcp :local state" for a listener or a connection it accepted (local port is a listening
    /// port), "tcp →:remote state" for one the process dialled, so ephemeral ports do not make every socket a kind.
    /// </summary>
    private static Dictionary<string, string> TcpSocketsByInode(int pid)
    {
        var rows = new List<(string Inode, int Local, int Remote, string State)>();
        foreach (var table in new[] { $"/proc/{pid}/net/tcp", $"/proc/{pid}/net/tcp6" })
        {
            List<string> lines;
            try
            {
                lines = File.ReadLines(table).Skip(1).ToList();
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var line in lines)
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10) continue;
                rows.Add((f[9], Port(f[1]), Port(f[2]), TcpStates.GetValueOrDefault(f[3], f[3])));
            }
        }

        var listening = rows.Where(r => r.State == "listen").Select(r => r.Local).ToHashSet();
        var byInode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            byInode[r.Inode] = listening.Contains(r.Local)
                ? string.Create(CultureInfo.InvariantCulture, $"tcp :{r.Local} {r.State}")
                : string.Create(CultureInfo.InvariantCulture, $"tcp →:{r.Remote} {r.State}");
        }
        return byInode;
    }

    private static int Port(string hexAddress) =>
        int.Parse(hexAddress[(hexAddress.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
