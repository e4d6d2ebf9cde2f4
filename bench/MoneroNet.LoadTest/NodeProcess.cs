using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace MoneroNet.LoadTest;

/// <summary>
/// The node under load: either started here as a separate process (MoneroNet as `dotnet moneronet.dll --testnet …`,
/// or monerod with every flag of <see cref="MonerodCommandLine"/>; both on 127.0.0.1 with an exclusive placeholder
/// peer on a closed port, so neither dials anything), or an already running node named by its P2P and RPC endpoints
/// and pid. Its output goes to a log file in its temporary data directory.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private const int SigHup = 1;
    private const int SigTerm = 15;
    private readonly Process? _process;
    private readonly string? _dataDir;
    private readonly StreamWriter? _log;
    private readonly IAsyncDisposable? _owner;

    private NodeProcess(int pid, IPEndPoint p2p, IPEndPoint rpc, Process? process, string? dataDir, StreamWriter? log,
        string commandLine, IAsyncDisposable? owner = null)
    {
        _owner = owner;
        ProcessId = pid;
        P2P = p2p;
        Rpc = rpc;
        _process = process;
        _dataDir = dataDir;
        _log = log;
        CommandLine = commandLine;
    }

    public int ProcessId { get; }
    public IPEndPoint P2P { get; }
    public IPEndPoint Rpc { get; }
    public string CommandLine { get; }
    public string? LogPath => _dataDir is null ? null : Path.Combine(_dataDir, "node-output.log");

    /// <summary>
    /// A node that runs already. When <paramref name="owner"/> is given (a test fixture that started the node), disposing
    /// this disposes it, which stops the node; otherwise the node is left running.
    /// </summary>
    public static NodeProcess Target(IPEndPoint p2p, IPEndPoint rpc, int pid, IAsyncDisposable? owner = null)
    {
        Loopback.Require(p2p.Address, "--p2p");
        Loopback.Require(rpc.Address, "--rpc");
        if (!Directory.Exists($"/proc/{pid}")) throw new ArgumentException($"no process {pid}");
        return new NodeProcess(pid, p2p, rpc, null, null, null, $"(running node, pid {pid})", owner);
    }

    public static NodeProcess Start(string nodeDll, int maxConnectionsPerIp, IReadOnlyList<string> extraArguments)
    {
        if (!File.Exists(nodeDll))
            throw new FileNotFoundException($"{nodeDll} is missing: build it with `./moneronet --version` (it builds .build/node) or pass --node-dll");
        int p2pPort = FreeLoopbackPort(), rpcPort = FreeLoopbackPort();
        string dataDir = Directory.CreateTempSubdirectory("moneronet-loadtest-").FullName;
        string[] args =
        [
            nodeDll, "--testnet",
            "--p2p-bind-ip", "127.0.0.1", "--p2p-bind-port", p2pPort.ToString(),
            "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", rpcPort.ToString(),
            "--data-dir", dataDir,
            // A closed loopback port as the only exclusive peer: the node never dials its seed nodes.
            "--add-exclusive-node", "127.0.0.1:1",
            "--max-connections-per-ip", maxConnectionsPerIp.ToString(),
            "--non-interactive",
            .. extraArguments,
        ];
        return Launch("dotnet", args, p2pPort, rpcPort, dataDir);
    }

    /// <summary>A fresh monerod on its own temporary data directory (<see cref="MonerodCommandLine"/> for its flags).</summary>
    public static NodeProcess StartMonerod(string monerod, int maxConnectionsPerIp, int inPeers, IReadOnlyList<string> extraArguments)
    {
        if (!File.Exists(monerod)) throw new FileNotFoundException($"{monerod} is missing: apt-get install -y monero, or pass --monerod");
        int p2pPort = FreeLoopbackPort(), rpcPort = FreeLoopbackPort();
        string dataDir = Directory.CreateTempSubdirectory("monerod-loadtest-").FullName;
        var args = MonerodCommandLine.Arguments(p2pPort, rpcPort, dataDir, maxConnectionsPerIp, inPeers, extraArguments);
        return Launch(monerod, args, p2pPort, rpcPort, dataDir);
    }

    private static NodeProcess Launch(string fileName, IReadOnlyList<string> args, int p2pPort, int rpcPort, string dataDir)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        foreach (string a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var log = new StreamWriter(Path.Combine(dataDir, "node-output.log")) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is null) return;
            lock (gate) log.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process.Id, new IPEndPoint(IPAddress.Loopback, p2pPort), new IPEndPoint(IPAddress.Loopback, rpcPort),
            process, dataDir, log, fileName + " " + string.Join(' ', args));
    }

    public bool HasExited => _process?.HasExited ?? !Directory.Exists($"/proc/{ProcessId}");

    /// <summary>SIGTERM (a node we started), then up to <paramref name="timeout"/> for it to exit; kill after that.</summary>
    public async Task<TimeSpan?> StopAsync(TimeSpan timeout)
    {
        if (_process is null || _process.HasExited) return null;
        var clock = Stopwatch.StartNew();
        _ = kill(_process.Id, SigTerm);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
            _process.Dispose();
        }
        if (_log is not null) await _log.DisposeAsync().ConfigureAwait(false);
        if (_owner is not null) await _owner.DisposeAsync().ConfigureAwait(false);
        // monerod's blockchain database is of no use after the run; its output log stays for a look.
        if (_process is not null && _dataDir is not null)
        {
            foreach (string lmdb in new[] { Path.Combine(_dataDir, "lmdb"), Path.Combine(_dataDir, "testnet", "lmdb") })
                if (Directory.Exists(lmdb)) Directory.Delete(lmdb, recursive: true);
        }
    }

    // Bound and released at once; the node binds it a moment later (a bench, not a shared test machine).
    private static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>SIGHUP: the node re-reads its --ban-list and --asn-map files.</summary>
    public void SendSigHup()
    {
        if (HasExited) throw new InvalidOperationException($"node pid {ProcessId} has exited; SIGHUP not sent");
        if (kill(ProcessId, SigHup) != 0) throw new InvalidOperationException($"kill({ProcessId}, SIGHUP) failed, errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
