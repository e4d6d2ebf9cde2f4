namespace MoneroNet.LoadTest.Compare;

/// <summary>
/// `compare`: the same many-peers load against a fresh monerod and a fresh MoneroNet in one run (docs/BENCHMARKS.md
/// "Side by side with monerod"). Exit code 0 when both behaved in every round, 1 when one did not, 2 for bad options,
/// 3 when the run outlived --max-seconds.
/// </summary>
public static class CompareCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors) =>
        CommandShell.RunAsync(args, output, errors, CompareOptions.Usage, CompareOptions.Parse, o => o.MaxDuration,
            async (options, cancellation) =>
            {
                // N sockets here and N in each node, which inherits this limit.
                ulong fileLimit = FileLimit.Ensure((ulong)options.Peers + 1024);
                await output.WriteLineAsync($"open-file limit {fileLimit}");
                var report = await new CompareRun(options, new ProcessCompareNodes(options), output.WriteLine).RunAsync(cancellation);
                return report.Passed;
            });
}
