using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// <c>moneronet [RPC flags] &lt;command&gt; [args]</c>: runs one console command against a running node over its RPC, as
/// <c>monerod --rpc-bind-port N print_cn</c> does (against MoneroNet or monerod). The RPC flags are those of
/// <see cref="RpcClientFlags"/>, before or after the command. An unknown command prints the command list and, on
/// stderr, "Unknown command: X" with exit code 1, as monerod does; every known command exits 0 even when the node
/// could not be reached (monerod's console prints its "Error: …" line and exits 0 too).
/// </summary>
internal static class ConsoleClientCommand
{
    /// <summary>
    /// Whether <paramref name="args"/> are a console command line: RPC flags only, then a command name. (Any other
    /// first word is the node's own command line, so a node flag's value can never be taken for a command.)
    /// </summary>
    public static bool Matches(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                return ConsoleCommands.All.ContainsKey(arg);
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[..eq] : arg;
            if (!RpcClientFlags.IsFlag(name))
                return false;
            if (eq <= 0 && RpcClientFlags.TakesValue(name))
                i++;
        }
        return false;
    }

    /// <summary>The process entry.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (words, flags, error) = Split(args);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            return 1;
        }
        var (endPoint, endPointError) = flags.Resolve();
        if (endPoint is null)
        {
            await Console.Error.WriteLineAsync(endPointError);
            return 1;
        }
        var (login, loginError) = RpcLoginPrompt.Console()
            .Resolve(flags.RpcLogin, Environment.GetEnvironmentVariable(RpcLoginPrompt.EnvironmentVariable));
        if (loginError is not null)
        {
            await Console.Error.WriteLineAsync(loginError);
            return 1;
        }
        using var transport = new HttpDaemonRpcTransport(endPoint, login);
        var output = new ConsoleOutput(Console.Out, colour: !Console.IsOutputRedirected);
        var session = new ConsoleSession(new DaemonRpcClient(transport, output), output, TimeProvider.System);
        var known = await ConsoleCommands.RunAsync(session, words, CancellationToken.None);
        await Console.Out.FlushAsync();
        if (known)
            return 0;
        Console.Out.Write(ConsoleCommands.CommandList() + "\n");
        await Console.Error.WriteLineAsync($"Unknown command: {words[0]}");
        return 1;
    }

    /// <summary>The command's words and the RPC flags found among them.</summary>
    public static (List<string> Words, RpcClientFlags Flags, string? Error) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var words = new List<string>();
        var flags = new RpcClientFlags();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(arg);
                continue;
            }
            string? value = null;
            if (arg.IndexOf('=') is var eq and > 0)
                (arg, value) = (arg[..eq], arg[(eq + 1)..]);
            else if (RpcClientFlags.TakesValue(arg) && i + 1 < args.Count)
                value = args[++i];
            if (flags.Take(arg, value) is { } error)
                return (words, flags, error);
        }
        return (words, flags, null);
    }
}
