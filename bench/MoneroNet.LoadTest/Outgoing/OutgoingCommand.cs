namespace MoneroNet.LoadTest.Outgoing;

/// <summary>`outgoing`: exit 0 when the node reached its outgoing target in time and never passed its limit; 2 bad options; 3 over time.</summary>
public static class OutgoingCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors) =>
        CommandShell.RunAsync(args, output, errors, OutgoingOptions.Usage, OutgoingOptions.Parse, o => o.MaxDuration,
            (options, cancellation) => new OutgoingRun(options, output.WriteLine).RunAsync(cancellation));
}
