namespace MoneroNet.LoadTest.Outgoing;

/// <summary>`outgoing`: exit 0 when the node reached its outgoing target in time and never passed its limit; 2 bad options; 3 over time.</summary>
public static class OutgoingCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Contains("--help"))
        {
            await output.WriteLineAsync(OutgoingOptions.Usage);
            return 0;
        }
        OutgoingOptions options;
        try
        {
            options = OutgoingOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await errors.WriteLineAsync(e.Message);
            await errors.WriteLineAsync(OutgoingOptions.Usage);
            return 2;
        }
        using var deadline = new CancellationTokenSource(options.MaxDuration);
        try
        {
            return await new OutgoingRun(options, output.WriteLine).RunAsync(deadline.Token) ? 0 : 1;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"stopped: the run exceeded --max-seconds {options.MaxDuration.TotalSeconds:0}");
            return 3;
        }
    }
}
