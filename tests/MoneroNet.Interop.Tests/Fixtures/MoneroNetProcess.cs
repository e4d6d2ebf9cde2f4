
namespace MoneroNet.Interop.Tests.Fixtures;

/// <summary>
/// The MoneroNet node under test, run as `dotnet moneronet.dll …` from the test output folder (the project references
/// src/MoneroNet.Node, so the build puts moneronet.dll beside the tests). Ready once its /json_rpc answers
/// get_connections. <see cref="DaemonProcess.StopAsync"/> sends SIGTERM; disposing kills whatever still runs.
/// </summary>
public sealed class MoneroNetProcess : DaemonProcess
{
    private MoneroNetProcess(MoneroNetOptions options, PortLease p2p, PortLease rpc, PortLease? p2pIpv6, string dataDir,
        ChildProcess child)
        : base(options.Name, options.P2PBindIp, p2p, rpc, p2pIpv6, dataDir, ownsDataDir: options.DataDir is null, child)
    {
        Options = options;
    }

    public MoneroNetOptions Options { get; }

    public static string NodeAssemblyPath => Path.Combine(AppContext.BaseDirectory, "moneronet.dll");

    public static async Task<MoneroNetProcess> StartAsync(MoneroNetOptions options, CancellationToken ct = default)
    {
        if (!File.Exists(NodeAssemblyPath))
            throw new InvalidOperationException($"{NodeAssemblyPath} is missing: build tests/MoneroNet.Interop.Tests, which references src/MoneroNet.Node");
        LoopbackGuard.RequireLoopback(options.P2PBindIp, "--p2p-bind-ip");
        LoopbackGuard.RequireHarmless(options.ExtraArguments);
        bool throughProxyOnly = options.Anonymity.PublicProxy is not null;
        if ((options.WithoutExclusiveNodes || options.Network == DaemonNetwork.Mainnet) && !throughProxyOnly)
            throw new ArgumentException("a node without exclusive nodes, or on mainnet, needs --proxy to the loopback SOCKS fixture");
        if (options.WithoutExclusiveNodes && options.ExtraArguments.Contains("--out-peers"))
            throw new ArgumentException("WithoutExclusiveNodes keeps --out-peers at 0");
        if (options.WithoutExclusiveNodes && options.ExclusiveNodes.Count > 0)
            throw new ArgumentException("WithoutExclusiveNodes with exclusive nodes");
        var peers = options.WithoutExclusiveNodes ? [] : LoopbackGuard.ExclusivePeersOrPlaceholder(options.ExclusiveNodes);
        var p2p = PortAllocator.Lease();
        var rpc = PortAllocator.Lease();
        var p2pIpv6 = options.UseIpv6 ? PortAllocator.Lease() : null;
        string dataDir = options.DataDir ?? Directory.CreateTempSubdirectory($"moneronet-interop-{options.Name}-").FullName;
        var args = new List<string>
        {
            NodeAssemblyPath,
            "--p2p-bind-ip", options.P2PBindIp.ToString(), "--p2p-bind-port", p2p.Port.ToString(),
            "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", rpc.Port.ToString(),
            "--data-dir", dataDir,
            "--max-connections-per-ip", options.MaxConnectionsPerIp.ToString(),
        };
        if (options.Network != DaemonNetwork.Mainnet) args.Insert(1, options.Network.Switch());
        // Without exclusive nodes the public zone dials nothing (--out-peers 0), and all it might dial goes to the proxy.
        if (options.WithoutExclusiveNodes) args.AddRange(["--out-peers", "0"]);
        foreach (var peer in peers) args.AddRange(["--add-exclusive-node", LoopbackGuard.Format(peer)]);
        // As start-monerod does: an exclusive list, even one naming only a closed loopback port, keeps the node
        // from ever dialling its built-in seed nodes (tests never leave loopback).
        if (peers.Count == 0 && !options.WithoutExclusiveNodes) args.AddRange(["--add-exclusive-node", "127.0.0.1:1"]);
        // IPv6 only on [::1]; the exclusive list above still keeps the node off its seed nodes.
        if (p2pIpv6 is not null)
            args.AddRange(["--p2p-use-ipv6", "--p2p-bind-ipv6-address", "::1", "--p2p-bind-port-ipv6", p2pIpv6.Port.ToString()]);
        args.AddRange(["--log-level", options.LogLevel.ToString()]);
        args.AddRange(options.Anonymity.Arguments());
        args.AddRange(options.ExtraArguments);
        // A run started under nohup hands every child an ignored SIGHUP, and the runtime keeps a signal ignored on
        // entry: the node would never see the SIGHUP the ban-list tests send. env --default-signal gives it back.
        var child = File.Exists("/usr/bin/env")
            ? ChildProcess.Start(options.Name, "/usr/bin/env", ["--default-signal=HUP", DotnetHost(), .. args], dataDir)
            : ChildProcess.Start(options.Name, DotnetHost(), args, dataDir);
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
    internal static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        switch (await WaitForRpcAsync("get_connections", Options.StartTimeout, ct))
        {
            case Readiness.Exited:
                throw new InvalidOperationException(
                    $"{Name} exited with code {ExitCode} before its RPC answered get_connections\n" +
                    $"--- last lines of its output ---\n{Log.Tail()}");
            case Readiness.TimedOut:
                throw new TimeoutException(
                    $"{Name}: /json_rpc on {RpcEndPoint} did not answer get_connections within " +
                    $"{Options.StartTimeout.TotalSeconds:0} s\n--- last lines of its output ---\n{Log.Tail()}");
        }
    }

    /// <summary>SIGHUP: the node re-reads its --ban-list file (`kill -HUP pid`).</summary>
    public void ReloadBanList() => Child.SendSigHup();

    public override string ToString() => $"{Name} (pid {ProcessId}, p2p {P2PEndPoint}, rpc {RpcPort})";
}
