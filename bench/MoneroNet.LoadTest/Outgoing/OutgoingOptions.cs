
namespace MoneroNet.LoadTest.Outgoing;

/// <summary>Command line of <c>outgoing</c>; bounded in peers and in time.</summary>
public sealed record OutgoingOptions
{
    public const string Usage = """
        usage: dotnet bench/MoneroNet.LoadTest/bin/Release/net10.0/MoneroNet.LoadTest.dll outgoing [options]
          --peers N          listening test peers on 127.20.x.y, one port, each given to the node as --add-exclusive-node (default 5000, max 20000)
          --out-peers L      the node's --out-peers (default: N)
          --hold SECONDS     how long to watch after the node reached its target (default 20)
          --within SECONDS   how long the node may take to reach min(L, N) outgoing normal connections (default 60)
          --backlog B        each listener's accept backlog (default 16)
          --node-dll PATH    MoneroNet to start (default <repo>/.build/node/moneronet.dll)
          --max-seconds S    hard limit for the whole run (default 600)
        """;

    public int Peers { get; init; } = 5000;
    public int? OutPeers { get; init; }
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(60);
    public int Backlog { get; init; } = 16;
    public string? NodeDll { get; init; }
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(600);

    public int Limit => OutPeers ?? Peers;
    public int Target => Math.Min(Limit, Peers);

    public static OutgoingOptions Parse(string[] args)
    {
        var o = new OutgoingOptions();
        var flags = new FlagReader(args);
        while (flags.Next())
        {
            o = flags.Current switch
            {
                "--peers" => o with { Peers = flags.Int(1, 20_000) },
                "--out-peers" => o with { OutPeers = flags.Int(0, 20_000) },
                "--hold" => o with { Hold = TimeSpan.FromSeconds(flags.Int(0, 600)) },
                "--within" => o with { Within = TimeSpan.FromSeconds(flags.Int(1, 600)) },
                "--backlog" => o with { Backlog = flags.Int(1, 4096) },
                "--node-dll" => o with { NodeDll = flags.Value() },
                "--max-seconds" => o with { MaxDuration = TimeSpan.FromSeconds(flags.Int(10, 3600)) },
                _ => throw new ArgumentException($"unknown option {flags.Current}"),
            };
        }
        return o;
    }
}
