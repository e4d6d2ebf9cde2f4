namespace MoneroNet.LoadTest;

/// <summary>
/// What every subcommand with options and a time cap does around its run: `--help` prints the usage (exit 0), options
/// that do not parse print the error and the usage (exit 2), and a run that outlives `--max-seconds` is stopped
/// (exit 3). The run itself answers 0 (it behaved) or 1 (it did not).
/// </summary>
internal static class CommandShell
{
    public static async Task<int> RunAsync<TOptions>(string[] args, TextWriter output, TextWriter errors, string usage,
        Func<string[], TOptions> parse, Func<TOptions, TimeSpan> maxDuration, Func<TOptions, CancellationToken, Task<bool>> run)
    {
        if (args.Contains("--help"))
        {
            await output.WriteLineAsync(usage);
            return 0;
        }
        TOptions options;
        try
        {
            options = parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await errors.WriteLineAsync(e.Message);
            await errors.WriteLineAsync(usage);
            return 2;
        }
        var limit = maxDuration(options);
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            return await run(options, deadline.Token) ? 0 : 1;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"stopped: the run exceeded --max-seconds {limit.TotalSeconds:0}");
            return 3;
        }
    }
}
