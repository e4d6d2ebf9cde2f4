using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Netinfo;

/// <summary>
/// <c>moneronet netinfo</c>: reads the node once and prints the rendering, or with <c>--watch</c> every
/// <see cref="WatchInterval"/> until cancelled (Ctrl-C). A failed reading prints its one line on stderr and ends
/// with exit code 1, in watch mode too: a view that silently stopped changing would mislead.
/// </summary>
internal static class NetinfoCommand
{
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(2);

    /// <summary>The process entry: <paramref name="args"/> are those after "netinfo".</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (arguments, error) = NetinfoArguments.Parse(args);
        if (arguments is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 1;
        }
        if (arguments.ShowHelp)
        {
            await Console.Out.WriteAsync(NetinfoArguments.HelpText);
            return 0;
        }
        var (login, loginError) = RpcLoginPrompt.Console()
            .Resolve(arguments.RpcLogin, Environment.GetEnvironmentVariable(RpcLoginPrompt.EnvironmentVariable));
        if (loginError is not null)
        {
            await Console.Error.WriteLineAsync("netinfo: " + loginError);
            return 1;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // end the watch loop and return normally rather than being killed mid-frame
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            using var client = new NetinfoRpcClient(arguments.RpcEndPoint, login);
            return await RunAsync(arguments, client.ReadAsync, Console.Out, Console.Error,
                terminal: !Console.IsOutputRedirected, TimeProvider.System, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The loop itself, with its reader, output and clock given (tests drive it with fakes).</summary>
    public static async Task<int> RunAsync(NetinfoArguments arguments, Func<CancellationToken, Task<NetinfoSnapshot>> read,
        TextWriter stdout, TextWriter stderr, bool terminal, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(time);
        // Ticks on a fixed schedule from the start, so a slow reading does not stretch the interval.
        using var ticks = new PeriodicTimer(WatchInterval, time);
        try
        {
            while (true)
            {
                var snapshot = await read(ct);
                var text = NetinfoRenderer.Render(snapshot, arguments.Level);
                await stdout.WriteAsync(NetinfoFrame.Compose(text, arguments.Watch, terminal, snapshot.TakenAt));
                await stdout.FlushAsync(ct);
                if (!arguments.Watch)
                    return 0;
                await ticks.WaitForNextTickAsync(ct);
            }
        }
        catch (NetinfoException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
    }
}
