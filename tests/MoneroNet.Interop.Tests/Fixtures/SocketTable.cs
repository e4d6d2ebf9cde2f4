using System.Globalization;
using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>One established TCP socket of a process, as the kernel reports it.</summary>
public sealed record TcpSocket(IPEndPoint Local, IPEndPoint Remote);

/// <summary>
/// Reads the kernel's view of a process's established TCP sockets (/proc/net/tcp{,6} joined with /proc/PID/fd), so a
/// test can check a daemon's reported peer address against the other process's real local endpoint instead of
/// trusting either daemon. IPv4-mapped IPv6 endpoints (dual-mode .NET sockets) are reported as IPv4.
/// </summary>
public static class SocketTable
{
    private const string Established = "01";
    private const string Listen = "0A";

    public static IReadOnlyList<TcpSocket> EstablishedSockets(int processId) => Sockets(processId, Established);

    /// <summary>The process's listening TCP sockets (Remote is the unspecified endpoint).</summary>
    public static IReadOnlyList<TcpSocket> ListeningSockets(int processId) => Sockets(processId, Listen);

    private static List<TcpSocket> Sockets(int processId, string state)
    {
        var inodes = SocketInodes(processId);
        var sockets = new List<TcpSocket>();
        foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[3] != state || !inodes.Contains(f[9])) continue;
                sockets.Add(new TcpSocket(ParseEndPoint(f[1]), ParseEndPoint(f[2])));
            }
        }
        return sockets;
    }

    private static HashSet<string> SocketInodes(int processId)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (string fd in Directory.EnumerateFiles($"/proc/{processId}/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed while we listed it
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                inodes.Add(target["socket:[".Length..^1]);
        }
        return inodes;
    }

    // "0100007F:1F90" (IPv4) or 32 hex digits + port (IPv6); addresses are printed as host-order 32-bit words.
    private static IPEndPoint ParseEndPoint(string text)
    {
        string[] parts = text.Split(':');
        int port = int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        byte[] bytes = Convert.FromHexString(parts[0]);
        for (int word = 0; word < bytes.Length; word += 4)
            if (BitConverter.IsLittleEndian) Array.Reverse(bytes, word, 4);
        var address = new IPAddress(bytes);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return new IPEndPoint(address, port);
    }
}
