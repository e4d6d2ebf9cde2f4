
namespace MoneroNet.LoadTest.Compare;

/// <summary>Command line of <c>compare</c>; every run is bounded in peers, rounds and time.</summary>
public sealed record CompareOptions
{
    public const string Usage = """
        usage: dotnet bench/MoneroNet.LoadTest/bin/Release/net10.0/MoneroNet.LoadTest.dll compare [options]
          --peers N                 raw testnet peers per node, each from its own 127.10.x.y (default 1000, max 60000)
          --rounds R                rounds; each starts a fresh monerod and a fresh MoneroNet, the order alternating
                                    (round 1 monerod first, round 2 MoneroNet first, ...) (default 2, max 5)
          --rest SECONDS            idle window for the CPU figure; >= 61 always holds a timed-sync round (default 65)
          --sequential-calls K      get_connections calls one after another for the p50 (default 50)
          --clients C               concurrent keep-alive get_connections clients (default 8)
          --client-seconds S        how long those clients poll (default 10)
          --in-flight M             connects+handshakes in flight at once (default 128)
          --drain-seconds S         how long the node may list connections after every peer closed (default 60)
          --only moneronet|monerod  measure one node alone (no ratio), e.g. MoneroNet at 50,000 peers
          --node-dll PATH           MoneroNet to start (default <repo>/.build/node/moneronet.dll, built by ./moneronet --version)
          --monerod PATH            monerod to start (default /usr/bin/monerod), always with the project's loopback-only flags
          --source-block B          peers connect from 127.B.x.y (default 10)
          --max-seconds S           hard limit for the whole run (default 3600)
        """;

    public int Peers { get; init; } = 1000;
    public int Rounds { get; init; } = 2;
    public TimeSpan Rest { get; init; } = TimeSpan.FromSeconds(65);
    public int SequentialCalls { get; init; } = 50;
    public int Clients { get; init; } = 8;
    public TimeSpan ClientDuration { get; init; } = TimeSpan.FromSeconds(10);
    public int InFlight { get; init; } = 128;
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);
    public NodeKind? Only { get; init; }
    public string? NodeDll { get; init; }
    public string Monerod { get; init; } = "/usr/bin/monerod";
    public byte SourceBlock { get; init; } = 10;
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>The nodes each round measures, in the order of round <paramref name="round"/> (1-based).</summary>
    public IReadOnlyList<NodeKind> OrderOf(int round) => Only is { } only
        ? [only]
        : round % 2 == 1 ? [NodeKind.Monerod, NodeKind.MoneroNet] : [NodeKind.MoneroNet, NodeKind.Monerod];

    public static CompareOptions Parse(string[] args)
    {
        var o = new CompareOptions();
        var flags = new FlagReader(args);
        while (flags.Next())
        {
            o = flags.Current switch
            {
                "--peers" => o with { Peers = flags.Int(1, 60_000) },
                "--rounds" => o with { Rounds = flags.Int(1, 5) },
                "--rest" => o with { Rest = TimeSpan.FromSeconds(flags.Int(0, 600)) },
                "--sequential-calls" => o with { SequentialCalls = flags.Int(1, 500) },
                "--clients" => o with { Clients = flags.Int(1, 64) },
                "--client-seconds" => o with { ClientDuration = TimeSpan.FromSeconds(flags.Int(1, 120)) },
                "--in-flight" => o with { InFlight = flags.Int(1, 4096) },
                "--drain-seconds" => o with { Drain = TimeSpan.FromSeconds(flags.Int(1, 900)) },
                "--only" => o with
                {
                    Only = flags.Value() switch
                    {
                        "moneronet" => NodeKind.MoneroNet,
                        "monerod" => NodeKind.Monerod,
                        var other => throw new ArgumentException($"--only takes moneronet or monerod, not {other}"),
                    },
                },
                "--node-dll" => o with { NodeDll = flags.Value() },
                "--monerod" => o with { Monerod = flags.Value() },
                "--source-block" => o with { SourceBlock = (byte)flags.Int(1, 254) },
                "--max-seconds" => o with { MaxDuration = TimeSpan.FromSeconds(flags.Int(10, 4 * 3600)) },
                _ => throw new ArgumentException($"unknown option {flags.Current}"),
            };
        }
        return o;
    }

    /// <summary>The node the ./moneronet script builds (as <see cref="LoadTestOptions.ResolveNodeDll"/>).</summary>
    public string ResolveNodeDll() => new LoadTestOptions { NodeDll = NodeDll }.ResolveNodeDll();
}
