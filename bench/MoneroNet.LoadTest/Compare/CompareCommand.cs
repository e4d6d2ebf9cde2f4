namespace MoneroNet.LoadTest.Compare;

/// <summary>
/// `compare`: the same many-peers load against a fresh monerod and a fresh MoneroNet in one run (docs/BENCHMARKS.md
/// "Side by side with monerod"). Exit code 0 when both behaved in every round, 1 when one did not, 2 for bad options,
/// 3 when the run outlived --max-seconds.
/// </summary>
public static class CompareCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Contains("--help"))
        {
            await output.WriteLineAsync(CompareOptions.Usage);
            return 0;
        }
        CompareOptions options;
        try
        {
            options = CompareOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await errors.WriteLineAsync(e.Message);
            await errors.WriteLineAsync(CompareOptions.Usage);
            return 2;
        }
        // N sockets here and N in each node, which inherits this limit.
        ulong fileLimit = FileLimit.Ensure((ulong)options.Peers + 1024);
        await output.WriteLineAsync($"open-file limit {fileLimit}");
        using var deadline = new CancellationTokenSource(options.MaxDuration);
        try
        {
            var report = await new CompareRun(options, new ProcessCompareNodes(options), output.WriteLine).RunAsync(deadline.Token);
            return report.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"stopped: the run exceeded --max-seconds {options.MaxDuration.TotalSeconds:0}");
            return 3;
        }
    }
}
