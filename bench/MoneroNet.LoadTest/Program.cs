using MoneroNet.LoadTest;
using MoneroNet.LoadTest.Compare;
using MoneroNet.LoadTest.Outgoing;
using MoneroNet.LoadTest.Soak;

// Many-peers load test: a MoneroNet node process on loopback and N raw testnet peers that handshake and stay idle.
// Everything is bounded (peers by --peers, time by --max-seconds) and ends by itself; see docs/BENCHMARKS.md.
// `soak` instead churns peers, misbehaviours, RPC polls, bans and SIGHUP reloads for --minutes and judges whether the
// node's RSS, descriptors and threads stay flat after the warm-up; see docs/RELIABILITY.md.
// `compare` runs the same load against a fresh monerod and a fresh MoneroNet, round after round, and prints both with
// the ratio; see docs/BENCHMARKS.md "Side by side with monerod".
if (args.Length > 0 && args[0] == "compare") return await CompareCommand.RunAsync(args[1..], Console.Out, Console.Error);
// `outgoing` starts N listening test peers and a MoneroNet that dials them all (--out-peers); see docs/BENCHMARKS.md
// "Outgoing connections".
if (args.Length > 0 && args[0] == "outgoing") return await OutgoingCommand.RunAsync(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "soak")
{
    if (args.Contains("--help"))
    {
        Console.WriteLine(SoakOptions.Usage);
        return 0;
    }
    SoakOptions soak;
    try
    {
        soak = SoakOptions.Parse(args[1..]);
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(SoakOptions.Usage);
        return 2;
    }
    // The drains, start and stop take a minute or two; anything far beyond that is a hang.
    using var soakDeadline = new CancellationTokenSource(soak.Duration + TimeSpan.FromMinutes(10));
    try
    {
        return await SoakCommand.RunAsync(soak, Console.Out, soakDeadline.Token);
    }
    catch (OperationCanceledException) when (soakDeadline.IsCancellationRequested)
    {
        Console.Error.WriteLine($"stopped: the soak ran 10 minutes past its {soak.Duration.TotalMinutes:0.#} minutes");
        return 3;
    }
}

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

using var deadline = new CancellationTokenSource(options.MaxDuration);
try
{
    var report = await new LoadRun(options, Console.Out).RunAsync(deadline.Token);
    return report.Passed ? 0 : 1;
}
catch (OperationCanceledException) when (deadline.IsCancellationRequested)
{
    Console.Error.WriteLine($"stopped: the run exceeded --max-seconds {options.MaxDuration.TotalSeconds:0}");
    return 3;
}
