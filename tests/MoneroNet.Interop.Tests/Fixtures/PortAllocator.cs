using System.Net;
using System.Net.Sockets;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// Hands out loopback TCP ports for test daemons. A port is taken from below the kernel's ephemeral range, so an
/// outgoing connection of some daemon can never grab a port we promised to another daemon's listener; it is checked
/// free by binding it (then released); it is remembered process-wide and locked with a file in /tmp so parallel tests
/// and other test processes on this machine never receive the same port while a lease is alive.
/// </summary>
public static class PortAllocator
{
    private const int LowestPort = 20000;
    private static readonly object Gate = new();
    private static readonly HashSet<int> Leased = [];
    private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "moneronet-interop-ports");

    public static PortLease Lease()
    {
        int highest = Math.Min(EphemeralRangeStart() - 1, 32767);
        Directory.CreateDirectory(LockDirectory);
        int span = highest - LowestPort + 1;
        int start = Random.Shared.Next(span);
        lock (Gate)
        {
            for (int i = 0; i < span; i++)
            {
                int port = LowestPort + (start + i) % span;
                if (Leased.Contains(port) || !IsFree(port)) continue;
                FileStream? lockFile = TryLockFile(port);
                if (lockFile is null) continue;
                Leased.Add(port);
                return new PortLease(port, lockFile);
            }
        }
        throw new InvalidOperationException($"no free loopback port between {LowestPort} and {highest}");
    }

    internal static void Release(int port)
    {
        lock (Gate) Leased.Remove(port);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // The lock file is held open exclusively (flock) for the lease's lifetime; the OS releases it if the process
    // dies. It is not deleted on close: deleting would let a second process lock a fresh file of the same name.
    private static FileStream? TryLockFile(int port)
    {
        try
        {
            return new FileStream(Path.Combine(LockDirectory, $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite,
                FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            string text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            return int.Parse(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0]);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return 32768;
        }
    }
}

/// <summary>A port reserved for one daemon until disposed.</summary>
public sealed class PortLease : IDisposable
{
    private readonly FileStream _lockFile;
    private bool _disposed;

    internal PortLease(int port, FileStream lockFile)
    {
        Port = port;
        _lockFile = lockFile;
    }

    public int Port { get; }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _lockFile.Dispose();
        PortAllocator.Release(Port);
    }
}
