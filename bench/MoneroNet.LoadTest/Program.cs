using MoneroNet.LoadTest;

// Many-peers load test: a MoneroNet node process on loopback and N raw testnet peers that handshake and stay idle.
// Everything is bounded (peers by --peers, time by --max-seconds) and ends by itself; see docs/BENCHMARKS.md.
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
