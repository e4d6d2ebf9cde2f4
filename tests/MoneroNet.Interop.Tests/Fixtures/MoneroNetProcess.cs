using System.Diagnostics;
using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// The MoneroNet node under test, run as `dotnet moneronet.dll …` from the test output folder (the project references
/// src/MoneroNet.Node, so the build puts moneronet.dll beside the tests). Ready once its /json_rpc answers
/// get_connections. <see cref="StopAsync"/> sends SIGTERM; disposing kills whatever still runs.
/// </summary>
public sealed class MoneroNetProcess : IAsyncDisposable
{
    private readonly PortLease _p2pLease;
    private readonly PortLease _rpcLease;
    private readonly PortLease? _p2pIpv6Lease;
    private readonly ChildProcess _child;
    private bool _disposed;

    private MoneroNetProcess(MoneroNetOptions options, PortLease p2p, PortLease rpc, PortLease? p2pIpv6, string dataDir,
        ChildProcess child)
    {
        Options = options;
        _p2pLease = p2p;
        _rpcLease = rpc;
        _p2pIpv6Lease = p2pIpv6;
        DataDir = dataDir;
        _child = child;
        Rpc = new MonerodRpc(RpcEndPoint);
    }

    public MoneroNetOptions Options { get; }
    public string Name => Options.Name;
    public int P2PPort => _p2pLease.Port;
    public int RpcPort => _rpcLease.Port;
    public IPEndPoint P2PEndPoint => new(Options.P2PBindIp, P2PPort);
    /// <summary>The [::1] listener of a node started with <see cref="MoneroNetOptions.UseIpv6"/>.</summary>
    public IPEndPoint P2PEndPointIpv6 => _p2pIpv6Lease is { } lease
        ? new IPEndPoint(IPAddress.IPv6Loopback, lease.Port)
        : throw new InvalidOperationException($"{Name} was started without UseIpv6");

    public IPEndPoint RpcEndPoint => new(IPAddress.Loopback, RpcPort);
    public string DataDir { get; }
    public int ProcessId => _child.Id;
    public bool HasExited => _child.HasExited;
    public int ExitCode => _child.ExitCode;
    public ProcessLog Log => _child.Log;

    /// <summary>MoneroNet's daemon RPC; it must answer like monerod's, so the same client serves both.</summary>
    public MonerodRpc Rpc { get; }

    public static string NodeAssemblyPath => Path.Combine(AppContext.BaseDirectory, "moneronet.dll");

    public static async Task<MoneroNetProcess> StartAsync(MoneroNetOptions options, CancellationToken ct = default)
    {
        if (!File.Exists(NodeAssemblyPath))
            throw new InvalidOperationException($"{NodeAssemblyPath} is missing: build tests/MoneroNet.Interop.Tests, which references src/MoneroNet.Node");
        LoopbackGuard.RequireLoopback(options.P2PBindIp, "--p2p-bind-ip");
        LoopbackGuard.RequireHarmless(options.ExtraArguments);
        var peers = LoopbackGuard.ExclusivePeersOrPlaceholder(options.ExclusiveNodes);
        var p2p = PortAllocator.Lease();
        var rpc = PortAllocator.Lease();
        var p2pIpv6 = options.UseIpv6 ? PortAllocator.Lease() : null;
        string dataDir = options.DataDir ?? Directory.CreateTempSubdirectory($"moneronet-interop-{options.Name}-").FullName;
        var args = new List<string>
        {
            NodeAssemblyPath,
            options.Network.Switch(),
            "--p2p-bind-ip", options.P2PBindIp.ToString(), "--p2p-bind-port", p2p.Port.ToString(),
            "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", rpc.Port.ToString(),
            "--data-dir", dataDir,
            "--max-connections-per-ip", options.MaxConnectionsPerIp.ToString(),
        };
        foreach (var peer in peers) args.AddRange(["--add-exclusive-node", LoopbackGuard.Format(peer)]);
        // As start-monerod does: an exclusive list, even one naming only a closed loopback port, keeps the node
        // from ever dialling its built-in seed nodes (tests never leave loopback).
        if (peers.Count == 0) args.AddRange(["--add-exclusive-node", "127.0.0.1:1"]);
        // IPv6 only on [::1]; the exclusive list above still keeps the node off its seed nodes.
        if (p2pIpv6 is not null)
            args.AddRange(["--p2p-use-ipv6", "--p2p-bind-ipv6-address", "::1", "--p2p-bind-port-ipv6", p2pIpv6.Port.ToString()]);
        args.AddRange(["--log-level", options.LogLevel.ToString()]);
        args.AddRange(options.ExtraArguments);
        var child = ChildProcess.Start(options.Name, DotnetHost(), args, dataDir);
        var node = new MoneroNetProcess(options, p2p, rpc, p2pIpv6, dataDir, child);
        try
        {
            await node.WaitUntilReadyAsync(ct);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    // The dotnet host running this test process (set by `dotnet test`), so the node runs on the same runtime.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_child.HasExited)
            {
                await _child.WaitForExitAsync(TimeSpan.FromSeconds(2));
                throw new InvalidOperationException(
                    $"{Name} exited with code {_child.ExitCode} before its RPC answered get_connections\n" +
                    $"--- last lines of its output ---\n{Log.Tail()}");
            }
            if (clock.Elapsed > Options.StartTimeout)
                throw new TimeoutException(
                    $"{Name}: /json_rpc on {RpcEndPoint} did not answer get_connections within " +
                    $"{Options.StartTimeout.TotalSeconds:0} s\n--- last lines of its output ---\n{Log.Tail()}");
            if (await Rpc.AnswersAsync("get_connections", ct))
            {
                Log.Note($"RPC answered get_connections after {clock.ElapsedMilliseconds} ms");
                return;
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Sends SIGTERM and waits up to <paramref name="timeout"/> for the node to exit. Returns how long it took, or
    /// null if it was still running at the deadline (it is then left for <see cref="DisposeAsync"/> to kill).
    /// </summary>
    public async Task<TimeSpan?> StopAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        _child.SendSigTerm();
        return await _child.WaitForExitAsync(timeout) ? clock.Elapsed : null;
    }

    /// <summary>SIGHUP: the node re-reads its --ban-list file (`kill -HUP pid`).</summary>
    public void ReloadBanList() => _child.SendSigHup();

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Rpc.Dispose();
        await _child.DisposeAsync();
        _p2pLease.Dispose();
        _rpcLease.Dispose();
        _p2pIpv6Lease?.Dispose();
        if (Options.DataDir is null) TempDirectory.DeleteQuietly(DataDir);
    }

    public override string ToString() => $"{Name} (pid {ProcessId}, p2p {P2PEndPoint}, rpc {RpcPort})";
}
