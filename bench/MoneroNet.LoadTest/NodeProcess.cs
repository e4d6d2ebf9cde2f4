using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace MoneroNet.LoadTest;

/// <summary>
/// The MoneroNet node under load: either started here as a separate process (`dotnet moneronet.dll --testnet …` on
/// 127.0.0.1 with an exclusive placeholder peer on a closed port, so it never dials anything), or an already running
/// node named by its P2P and RPC endpoints and pid. Its output goes to a log file in its temporary data directory.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private const int SigHup = 1;
    private const int SigTerm = 15;
    private readonly Process? _process;
    private readonly string? _dataDir;
    private readonly StreamWriter? _log;

    private NodeProcess(int pid, IPEndPoint p2p, IPEndPoint rpc, Process? process, string? dataDir, StreamWriter? log,
        string commandLine)
    {
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

    public static NodeProcess Target(IPEndPoint p2p, IPEndPoint rpc, int pid)
    {
        Loopback.Require(p2p.Address, "--p2p");
        Loopback.Require(rpc.Address, "--rpc");
        if (!Directory.Exists($"/proc/{pid}")) throw new ArgumentException($"no process {pid}");
        return new NodeProcess(pid, p2p, rpc, null, null, null, $"(running node, pid {pid})");
    }

    public static NodeProcess Start(string nodeDll, int maxConnectionsPerIp, IReadOnlyList<string> extraArguments)
    {
        if (!File.Exists(nodeDll))
            throw new FileNotFoundException($"{nodeDll} is missing: build it with `./moneronet --version` (it builds .build/node) or pass --node-dll");
        int p2pPort = FreeLoopbackPort(), rpcPort = FreeLoopbackPort();
        string dataDir = Directory.CreateTempSubdirectory("moneronet-loadtest-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
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
            process, dataDir, log, "dotnet " + string.Join(' ', args));
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
