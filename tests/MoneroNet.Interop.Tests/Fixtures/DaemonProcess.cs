using System.Diagnostics;
using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// What a daemon under test has regardless of which daemon it is (<see cref="MonerodProcess"/> or
/// <see cref="MoneroNetProcess"/>): its leased loopback ports, data dir, child process and RPC client; the wait for its
/// RPC to answer; SIGTERM shutdown; and disposal, which kills what still runs and gives the ports back.
/// </summary>
public abstract class DaemonProcess : IAsyncDisposable
{
    private readonly IPAddress _p2pBindIp;
    private readonly PortLease _p2pLease;
    private readonly PortLease _rpcLease;
    private readonly PortLease? _p2pIpv6Lease;
    private readonly bool _ownsDataDir;
    private bool _disposed;

    /// <param name="ownsDataDir">Whether disposing deletes <paramref name="dataDir"/> (false when the test chose it).</param>
    protected DaemonProcess(string name, IPAddress p2pBindIp, PortLease p2p, PortLease rpc, PortLease? p2pIpv6,
        string dataDir, bool ownsDataDir, ChildProcess child)
    {
        Name = name;
        _p2pBindIp = p2pBindIp;
        _p2pLease = p2p;
        _rpcLease = rpc;
        _p2pIpv6Lease = p2pIpv6;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        Child = child;
        Rpc = new MonerodRpc(RpcEndPoint);
    }

    /// <summary>How the result of waiting for the daemon's RPC ended.</summary>
    protected enum Readiness
    {
        Answered,
        Exited,
        TimedOut,
    }

    public string Name { get; }
    public int P2PPort => _p2pLease.Port;
    public int RpcPort => _rpcLease.Port;
    public IPEndPoint P2PEndPoint => new(_p2pBindIp, P2PPort);

    /// <summary>The [::1] listener of a daemon started with IPv6 enabled in its options.</summary>
    public IPEndPoint P2PEndPointIpv6 => _p2pIpv6Lease is { } lease
        ? new IPEndPoint(IPAddress.IPv6Loopback, lease.Port)
        : throw new InvalidOperationException($"{Name} was started without UseIpv6");

    public IPEndPoint RpcEndPoint => new(IPAddress.Loopback, RpcPort);
    public string DataDir { get; }
    public int ProcessId => Child.Id;
    public bool HasExited => Child.HasExited;
    public int ExitCode => Child.ExitCode;
    public ProcessLog Log => Child.Log;

    /// <summary>Daemon RPC; MoneroNet's must answer like monerod's, so the same client serves both.</summary>
    public MonerodRpc Rpc { get; }

    protected ChildProcess Child { get; }

    /// <summary>
    /// Polls the RPC method <paramref name="method"/> every 100 ms until it answers, the process exits (its output is
    /// then drained for up to 2 s) or <paramref name="startTimeout"/> passes; the caller turns the outcome into its error.
    /// </summary>
    protected async Task<Readiness> WaitForRpcAsync(string method, TimeSpan startTimeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (Child.HasExited)
            {
                await Child.WaitForExitAsync(TimeSpan.FromSeconds(2)); // drain the output
                return Readiness.Exited;
            }
            if (clock.Elapsed > startTimeout) return Readiness.TimedOut;
            if (await Rpc.AnswersAsync(method, ct))
            {
                Log.Note($"RPC answered {method} after {clock.ElapsedMilliseconds} ms");
                return Readiness.Answered;
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Sends SIGTERM and waits up to <paramref name="timeout"/> for the daemon to exit. Returns how long it took, or
    /// null if it was still running at the deadline (it is then left for <see cref="DisposeAsync"/> to kill).
    /// </summary>
    public async Task<TimeSpan?> StopAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        Child.SendSigTerm();
        return await Child.WaitForExitAsync(timeout) ? clock.Elapsed : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Rpc.Dispose();
        await Child.DisposeAsync();
        _p2pLease.Dispose();
        _rpcLease.Dispose();
        _p2pIpv6Lease?.Dispose();
        if (_ownsDataDir) TempDirectory.DeleteQuietly(DataDir);
        GC.SuppressFinalize(this);
    }
}
