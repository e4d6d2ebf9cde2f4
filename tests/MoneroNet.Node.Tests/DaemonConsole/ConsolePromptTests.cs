using MoneroNet.Node.DaemonConsole;

namespace MoneroNet.Node.Tests.DaemonConsole;

/// <summary>The prompt loop with keys from a script instead of a terminal.</summary>
public sealed class ConsolePromptTests
{
    private static Func<ConsoleKeyInfo?> Keys(string typed)
    {
        var queue = new Queue<ConsoleKeyInfo>(typed.Select(c => c switch
        {
            '\r' => new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false),
            '\u2191' => new ConsoleKeyInfo('\0', ConsoleKey.UpArrow, false, false, false),
            _ => new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false),
        }));
        return () => queue.Count > 0 ? queue.Dequeue() : null; // then the end of input
    }

    private static (ConsolePrompt Prompt, StringWriter Screen, FakeDaemonRpc Rpc, Func<int> Stops) Start(string typed)
    {
        var screen = new StringWriter();
        var rpc = new FakeDaemonRpc().Answer("get_bans", """{"status":"OK"}""");
        var output = new ConsoleOutput(screen);
        var stops = 0;
        var session = new ConsoleSession(new DaemonRpcClient(rpc, output), output, TimeProvider.System, () =>
        {
            stops++;
            return Task.CompletedTask;
        });
        return (new ConsolePrompt(session, Keys(typed), screen), screen, rpc, () => stops);
    }

    [Fact]
    public async Task Lines_run_as_commands_history_repeats_them_and_the_end_of_input_stops_the_node()
    {
        var (prompt, screen, rpc, stops) = Start("bans\r\u2191\rnonsense\r");
        await prompt.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, rpc.Requests.Count(r => r.Target == "get_bans")); // typed, then recalled with Up
        Assert.Equal(2, screen.ToString().Split("No IPs are banned\n").Length - 1);
        Assert.Contains("unknown command: nonsense\n" + ConsolePrompt.UnknownCommandHint, screen.ToString());
        Assert.Equal(1, stops()); // Ctrl-D / end of input stops the node, as monerod's console does
    }

    [Fact]
    public async Task Exit_stops_the_node_and_ends_the_prompt()
    {
        var (prompt, _, rpc, stops) = Start("exit\rbans\r");
        await prompt.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, stops());
        Assert.Empty(rpc.Requests); // nothing after exit is read
    }

    [Fact]
    public async Task Cancellation_ends_the_prompt_while_it_waits_for_a_key()
    {
        var screen = new StringWriter();
        var output = new ConsoleOutput(screen);
        var session = new ConsoleSession(new DaemonRpcClient(new FakeDaemonRpc(), output), output, TimeProvider.System);
        using var never = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();
        var run = new ConsolePrompt(session, () =>
        {
            never.Wait(TimeSpan.FromSeconds(30)); // a terminal nobody types on
            return null;
        }, screen).RunAsync(stop.Token);
        Assert.False(run.IsCompleted);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5)); // does not wait for the blocked key reader
        never.Set(); // let the reader thread go before the event is disposed
    }

    [Fact]
    public void Non_interactive_means_no_prompt()
    {
        var options = MoneroNet.Node.CommandLine.NodeCommandLine.Parse(["--non-interactive"]).Options!;
        Assert.False(NodeConsole.WantsPrompt(options));
    }
}
