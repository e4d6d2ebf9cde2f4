using System.Net;

namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// A real monerod 0.18 on loopback, started with every flag of ../shared/tools/start-monerod (no seeds, exclusive
/// loopback peers only, no UPnP/update/DNS/ZMQ, plain-HTTP RPC) on freshly leased ports and a fresh data dir.
/// Ready once its RPC answers get_info. Disposing kills it and deletes the data dir.
/// </summary>
public sealed class MonerodProcess : DaemonProcess
{
    public const string MonerodPath = "/usr/bin/monerod";
    private const int StartAttempts = 3;

    private MonerodProcess(MonerodOptions options, PortLease p2p, PortLease rpc, PortLease? p2pIpv6, string dataDir,
        ChildProcess child)
        : base(options.Name, options.P2PBindIp, p2p, rpc, p2pIpv6, dataDir, ownsDataDir: true, child)
    {
        Options = options;
    }

    public MonerodOptions Options { get; }

    /// <summary>Fails (never skips) when monerod is missing: ./run-tests installs it.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(MonerodPath))
        {
            throw new InvalidOperationException(
                $"{MonerodPath} is missing. The interop tests need real monerod 0.18: run ./run-tests (it installs the " +
                "Debian package `monero`) or `sudo apt-get install -y monero`.");
        }
    }

    public static async Task<MonerodProcess> StartAsync(MonerodOptions options, CancellationToken ct = default)
    {
        RequireInstalled();
        LoopbackGuard.RequireHarmless(options.ExtraArguments);
        LoopbackGuard.RequireLoopback(options.P2PBindIp, "--p2p-bind-ip");
        var peers = LoopbackGuard.ExclusivePeersOrPlaceholder(options.ExclusiveNodes);
        for (int attempt = 1; ; attempt++)
        {
            var p2p = PortAllocator.Lease();
            var rpc = PortAllocator.Lease();
            var p2pIpv6 = options.UseIpv6 ? PortAllocator.Lease() : null;
            string dataDir = Directory.CreateTempSubdirectory($"moneronet-interop-{options.Name}-").FullName;
            var child = ChildProcess.Start(options.Name, MonerodPath,
                Arguments(options, peers, p2p.Port, rpc.Port, p2pIpv6?.Port, dataDir), dataDir);
            var monerod = new MonerodProcess(options, p2p, rpc, p2pIpv6, dataDir, child);
            try
            {
                await monerod.WaitUntilReadyAsync(ct);
                return monerod;
            }
            catch (MonerodStartException e) when (e.PortInUse && attempt < StartAttempts)
            {
                // Another program took a leased port between our probe and monerod's bind: try fresh ports.
                await monerod.DisposeAsync();
            }
            catch
            {
                await monerod.DisposeAsync();
                throw;
            }
        }
    }

    private static List<string> Arguments(MonerodOptions options, IReadOnlyList<IPEndPoint> peers, int p2pPort, int rpcPort,
        int? p2pIpv6Port, string dataDir)
    {
        // Same set, same order as start-monerod; never drop one. The P2P bind address may be another 127.x address.
        var args = new List<string>
        {
            options.Network.Switch(),
            "--p2p-bind-ip", options.P2PBindIp.ToString(), "--p2p-bind-port", p2pPort.ToString(),
            "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", rpcPort.ToString(),
            "--no-igd", "--check-updates", "disabled", "--disable-dns-checkpoints", "--no-zmq", "--non-interactive",
            "--max-connections-per-ip", options.MaxConnectionsPerIp.ToString(), "--rpc-ssl", "disabled",
        };
        foreach (var peer in peers) args.AddRange(["--add-exclusive-node", LoopbackGuard.Format(peer)]);
        args.AddRange(["--data-dir", dataDir]);
        // IPv6 only on [::1]: the listener, and the source of its outgoing IPv6 connections.
        if (p2pIpv6Port is { } v6Port)
            args.AddRange(["--p2p-use-ipv6", "--p2p-bind-ipv6-address", "::1", "--p2p-bind-port-ipv6", v6Port.ToString()]);
        if (options.LogLevel is { } level) args.AddRange(["--log-level", level.ToString()]);
        args.AddRange(options.Anonymity.Arguments());
        args.AddRange(options.ExtraArguments);
        return args;
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        switch (await WaitForRpcAsync("get_info", Options.StartTimeout, ct))
        {
            case Readiness.Exited:
                bool portInUse = Log.Contains("Address already in use") || Log.Contains("Failed to bind");
                throw new MonerodStartException(
                    $"{Name} exited with code {ExitCode} before its RPC answered", Log.Tail(), portInUse);
            case Readiness.TimedOut:
                throw new MonerodStartException(
                    $"{Name}: RPC on {RpcEndPoint} did not answer get_info within {Options.StartTimeout.TotalSeconds:0} s",
                    Log.Tail(), portInUse: false);
        }
    }

    /// <summary>A console command (e.g. print_cn) run by a second monerod against <paramref name="rpc"/>.</summary>
    public static Task<ConsoleCommandResult> RunConsoleCommandAsync(DaemonNetwork network, IPEndPoint rpc, string command,
        TimeSpan timeout) => MonerodConsole.RunAsync(network, rpc, command, timeout);

    public override string ToString() => $"{Name} (pid {ProcessId}, p2p {P2PPort}, rpc {RpcPort})";
}

public sealed class MonerodStartException(string message, string logTail, bool portInUse)
    : Exception($"{message}\n--- last lines of its output ---\n{logTail}")
{
    public bool PortInUse { get; } = portInUse;
}
