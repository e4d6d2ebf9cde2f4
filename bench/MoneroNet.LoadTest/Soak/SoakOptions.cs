
namespace MoneroNet.LoadTest.Soak;

/// <summary>Command line of `soak`: how long and how hard to churn. Every part is bounded in count and in time.</summary>
public sealed record SoakOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/MoneroNet.LoadTest -- soak [options]
          --minutes M               churn time, warm-up included (default 30; 1 to 1440, fractions allowed)
          --peers N                 well-behaved peers kept connected at once, each from its own 127.10.x.y (default 300)
          --misbehave-rate R        misbehaving connections started per second (default 8)
          --ban-interval S          seconds between set_bans actions (default 2)
          --reload-interval S       seconds between ban-list/ASN-map rewrites + SIGHUP (default 15)
          --asn-rows N              rows of the generated ASN map (default 20000)
          --out DIR                 where samples.csv and summary.md go (default <repo>/.build/soak/<UTC time>)
          --node-dll PATH           node to start (default <repo>/.build/node/moneronet.dll, built by ./moneronet --version)
          --log-level L             passed to the started node (default 0)
        """;

    /// <summary>Churn time; the drains at the end of the warm-up and at the end come on top (a minute or so).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);

    public int Peers { get; init; } = 300;

    /// <summary>Lifetimes of well-behaved peers: most are short, <see cref="LongLivedShare"/> stay for minutes.</summary>
    public TimeSpan ShortLifeMin { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan ShortLifeMax { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan LongLifeMin { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan LongLifeMax { get; init; } = TimeSpan.FromSeconds(150);
    public double LongLivedShare { get; init; } = 0.1;

    /// <summary>Share of well-behaved peers that leave with a TCP reset instead of a FIN.</summary>
    public double ResetShare { get; init; } = 0.2;

    /// <summary>Connects + handshakes of well-behaved peers in flight at once.</summary>
    public int InFlight { get; init; } = 32;

    public double MisbehaveRate { get; init; } = 8;

    /// <summary>Misbehaving connections open at once (silent ones hold theirs up to <see cref="SilentMax"/>).</summary>
    public int MisbehaversInFlight { get; init; } = 128;

    public TimeSpan SilentMin { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan SilentMax { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BanInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Lengths of the RPC bans (set_bans seconds), drawn uniformly.</summary>
    public int BanSecondsMin { get; init; } = 3;
    public int BanSecondsMax { get; init; } = 20;

    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(15);

    public int AsnRows { get; init; } = 20_000;

    /// <summary>Every fourth rewrite of the ASN map is broken on purpose (the node must keep the old one).</summary>
    public int BrokenAsnMapEvery { get; init; } = 4;

    /// <summary>Keep-alive RPC client: get_connections, get_info and get_bans once each per interval.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>One call on a fresh TCP connection per interval (methods in turn).</summary>
    public TimeSpan FreshCallInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Source addresses of the well-behaved and most misbehaving peers (127.10.x.y).</summary>
    public int AddressPoolSize { get; init; } = 10_000;

    /// <summary>How long a connect + handshake, or the node's reaction to a misbehaviour, may take before it counts as an anomaly.</summary>
    public TimeSpan ReactionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public SoakBounds Bounds { get; init; } = new();

    public string? OutDir { get; init; }
    public string? NodeDll { get; init; }
    public int LogLevel { get; init; }

    public TimeSpan WarmUp => Duration / 3;

    /// <summary>Right after the warm-up drain the peers reconnect all at once; B starts after this settling time.</summary>
    public TimeSpan Settle => TimeSpan.FromSeconds(Math.Min(30, Duration.TotalSeconds / 10));

    /// <summary>
    /// Wrong-network peers take their addresses in turn from a ring of this size: small enough that every address
    /// has been used once by the end of the warm-up (so the node's fail-score table stops growing there), large
    /// enough that no address reaches the 11 fail points that earn a 24-hour ban within the run.
    /// </summary>
    public int WrongNetworkRingSize =>
        Math.Clamp((int)Math.Ceiling(MisbehaveRate / MisbehaviourKinds * Duration.TotalSeconds / 8), 1, Loopback.BlockSize);

    /// <summary>Garbage, oversize length, wrong network, silent, truncated frame: started in turn.</summary>
    public const int MisbehaviourKinds = 5;

    public static SoakOptions Parse(string[] args)
    {
        var o = new SoakOptions();
        var flags = new FlagReader(args);
        while (flags.Next())
        {
            o = flags.Current switch
            {
                "--minutes" => o with { Duration = TimeSpan.FromMinutes(flags.Number(1, 1440)) },
                "--peers" => o with { Peers = (int)flags.Number(1, 5000) },
                "--misbehave-rate" => o with { MisbehaveRate = flags.Number(0.1, 200) },
                "--ban-interval" => o with { BanInterval = TimeSpan.FromSeconds(flags.Number(0.2, 3600)) },
                "--reload-interval" => o with { ReloadInterval = TimeSpan.FromSeconds(flags.Number(1, 3600)) },
                "--asn-rows" => o with { AsnRows = (int)flags.Number(1, 1_000_000) },
                "--out" => o with { OutDir = flags.Value() },
                "--node-dll" => o with { NodeDll = flags.Value() },
                "--log-level" => o with { LogLevel = (int)flags.Number(0, 4) },
                _ => throw new ArgumentException($"unknown soak option {flags.Current}"),
            };
        }
        return o;
    }
}

/// <summary>
/// "Flat after warm-up", stated as numbers. The run is cut into the warm-up (first third of the churn time), window
/// B (the second third, less <see cref="SoakOptions.Settle"/> after the warm-up drain) and window C (the last third).
/// A metric is flat when C's mean is at most B's mean plus the mean slack and C's maximum at most B's maximum plus
/// the max slack, each slack being the larger of an absolute and a relative allowance of B's value. On top, the
/// node's idle descriptors and threads after the final drain may exceed those after the warm-up drain only by
/// <see cref="DrainedFdSlack"/> / <see cref="DrainedThreadSlack"/>, and both drains must end with no connection listed.
/// </summary>
public sealed record SoakBounds
{
    public double RssMeanSlackMiB { get; init; } = 16;
    public double RssMaxSlackMiB { get; init; } = 16;
    public double RssRelativeSlack { get; init; } = 0.10;

    public double FdMeanSlack { get; init; } = 16;
    public double FdMaxSlack { get; init; } = 32;
    public double FdRelativeSlack { get; init; } = 0.05;

    public double ThreadMeanSlack { get; init; } = 4;
    public double ThreadMaxSlack { get; init; } = 8;
    public double ThreadRelativeSlack { get; init; } = 0.25;

    public int DrainedFdSlack { get; init; } = 4;
    public int DrainedThreadSlack { get; init; } = 6;
}
