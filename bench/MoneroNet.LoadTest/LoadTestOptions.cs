using System.Net;

namespace MoneroNet.LoadTest;

/// <summary>Command line of the load test; every run is bounded in peers and in time.</summary>
public sealed record LoadTestOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/MoneroNet.LoadTest -- [options]
          --peers N                 raw testnet peers to connect, each from its own 127.10.x.y (default 1000, max 20000)
          --rest SECONDS            idle window measured after all are connected; >= 61 covers one timed-sync round (default 75)
          --rpc-calls K             get_connections calls timed after the rest window (default 5)
          --in-flight M             connects+handshakes in flight at once (default 128)
          --node-dll PATH           node to start (default <repo>/.build/node/moneronet.dll, built by ./moneronet --version)
          --max-connections-per-ip  passed to the started node (default 1: every peer has its own IP)
          --log-level L             passed to the started node (default 0)
          --target-p2p IP:PORT --target-rpc IP:PORT --target-pid PID
                                    measure an already running loopback node instead of starting one
          --max-seconds S           hard limit for the whole run (default 900)
        """;

    public int Peers { get; init; } = 1000;
    public TimeSpan Rest { get; init; } = TimeSpan.FromSeconds(75);
    public int RpcCalls { get; init; } = 5;
    public int InFlight { get; init; } = 128;
    public string? NodeDll { get; init; }
    public int MaxConnectionsPerIp { get; init; } = 1;
    public int LogLevel { get; init; }
    public IPEndPoint? TargetP2P { get; init; }
    public IPEndPoint? TargetRpc { get; init; }
    public int? TargetPid { get; init; }
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(900);

    public static LoadTestOptions Parse(string[] args)
    {
        var o = new LoadTestOptions();
        var flags = new FlagReader(args);
        while (flags.Next())
        {
            o = flags.Current switch
            {
                "--peers" => o with { Peers = flags.Int(1, 20_000) },
                "--rest" => o with { Rest = TimeSpan.FromSeconds(flags.Int(0, 600)) },
                "--rpc-calls" => o with { RpcCalls = flags.Int(1, 100) },
                "--in-flight" => o with { InFlight = flags.Int(1, 4096) },
                "--node-dll" => o with { NodeDll = flags.Value() },
                "--max-connections-per-ip" => o with { MaxConnectionsPerIp = flags.Int(1, 1_000_000) },
                "--log-level" => o with { LogLevel = flags.Int(0, 4) },
                "--target-p2p" => o with { TargetP2P = IPEndPoint.Parse(flags.Value()) },
                "--target-rpc" => o with { TargetRpc = IPEndPoint.Parse(flags.Value()) },
                "--target-pid" => o with { TargetPid = flags.Int(1, int.MaxValue) },
                "--max-seconds" => o with { MaxDuration = TimeSpan.FromSeconds(flags.Int(10, 3600)) },
                _ => throw new ArgumentException($"unknown option {flags.Current}"),
            };
        }
        bool anyTarget = o.TargetP2P is not null || o.TargetRpc is not null || o.TargetPid is not null;
        bool allTarget = o.TargetP2P is not null && o.TargetRpc is not null && o.TargetPid is not null;
        if (anyTarget && !allTarget) throw new ArgumentException("--target-p2p, --target-rpc and --target-pid go together");
        return o;
    }

    /// <summary>The node the ./moneronet script builds, found from this program's folder upwards.</summary>
    public string ResolveNodeDll()
    {
        if (NodeDll is not null) return Path.GetFullPath(NodeDll);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoneroNet.slnx")))
                return Path.Combine(dir.FullName, ".build", "node", "moneronet.dll");
        }
        throw new FileNotFoundException("MoneroNet.slnx not found above this program; pass --node-dll");
    }
}
