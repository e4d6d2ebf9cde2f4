using Microsoft.Extensions.Logging;
using MoneroNet.Node.CommandLine;
using MoneroNet.Rpc;
using MoneroNet.Rpc.Hosting;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>Starts the node's own console prompt, wired to its RPC methods in the process.</summary>
internal static class NodeConsole
{
    /// <summary>
    /// Whether the node reads commands at the terminal: not with --non-interactive, and only when stdin is a terminal
    /// (monerod's rule; a service or a pipe gets no prompt).
    /// </summary>
    public static bool WantsPrompt(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !options.NonInteractive && !Console.IsInputRedirected;
    }

    /// <summary>The prompt's run; <c>exit</c> cancels <paramref name="stop"/>. A failure is logged, never thrown into the host.</summary>
    public static async Task StartPrompt(INodeQuery query, INodeControl control, CancellationTokenSource stop, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(stop);
        await Task.Yield(); // the host goes on to wait for its stop signal
        var output = new ConsoleOutput(Console.Out, colour: !Console.IsOutputRedirected);
        var rpc = new InProcessRpc(query, control, TimeProvider.System, log);
        var session = new ConsoleSession(new DaemonRpcClient(new InProcessTransport(rpc), output), output, TimeProvider.System,
            stopNode: () =>
            {
                stop.Cancel();
                return Task.CompletedTask;
            });
        try
        {
            await new ConsolePrompt(session, ConsolePrompt.ReadConsoleKey, Console.Out).RunAsync(stop.Token);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            NodeLog.ConsoleFailed(log, e.Message);
        }
    }
}
