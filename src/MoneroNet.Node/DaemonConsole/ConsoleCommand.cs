namespace MoneroNet.Node.DaemonConsole;

/// <summary>One console command: its name, monerod's usage line and description, and what it does.</summary>
/// <param name="Usage">monerod's usage ("print_pl [white] [gray] [pruned] [publicrpc] [&lt;limit&gt;]"); the name alone when it takes nothing.</param>
internal sealed record ConsoleCommand(string Name, string Usage, string Description,
    Func<ConsoleSession, IReadOnlyList<string>, CancellationToken, Task> RunAsync);
