using MoneroNet.Node;
using MoneroNet.Node.CommandLine;
using MoneroNet.Node.DaemonConsole;
using MoneroNet.Node.Hosting;
using MoneroNet.Node.Logging;
using MoneroNet.Node.Netinfo;
using MoneroNet.Node.Tools;

// "moneronet levin-decode FILE...|-" is a tool; everything else is the node's monerod-style command line.
if (args.Length > 0 && args[0] == "levin-decode")
    return LevinDecode.Run(args[1..], Console.OpenStandardInput(), Console.Out, Console.Error);
// "moneronet netinfo [0-4] [--watch] …" is a client: it reads a running node's connections over its RPC.
if (args.Length > 0 && args[0] == "netinfo")
    return await NetinfoCommand.RunAsync(args[1..]);
// "moneronet [--testnet] [--rpc-bind-port N] print_cn …" runs one of monerod's console commands against a running node.
if (ConsoleClientCommand.Matches(args))
    return await ConsoleClientCommand.RunAsync(args);

var result = NodeCommandLine.Parse(args);
switch (result.Action)
{
    case CommandLineAction.ShowHelp:
        Console.Out.Write(NodeCommandLine.HelpText);
        return 0;
    case CommandLineAction.ShowVersion:
        Console.Out.WriteLine(NodeCommandLine.VersionLine);
        return 0;
    case CommandLineAction.ShowOsVersion:
        Console.Out.WriteLine(NodeCommandLine.OsVersionLine);
        return 0;
    case CommandLineAction.Fail:
        Console.Error.WriteLine(result.Error);
        return 1;
}

var options = result.Options!;
// --detach: this process starts the node again in the background and exits (Hosting/Detach.cs).
if (options.Detach && !Detach.IsChild)
    return Detach.StartBackground(args, options.Pidfile, Console.Out, Console.Error);
string? detachError = options.Detach ? Detach.BecomeDaemon(options.Pidfile) : null;
var logging = LogLevelPolicy.FromFlag(options.LogLevelText);
using var loggerFactory = NodeLogging.CreateLoggerFactory(options, logging);
// Peers and RPC clients each hold a descriptor: lift the soft open-file limit before anything listens.
NodeStartupLog.OpenFileLimit(loggerFactory, OpenFileLimit.RaiseToHardLimit());
// Every assembly the node can use, loaded now: a load that fails for lack of descriptors stays failed (AssemblyPreload).
AssemblyPreload.LoadReferencesOf(typeof(NodeHost).Assembly, AppContext.BaseDirectory);
// Every worker thread the node will use, started now: creating one later needs free descriptors (ThreadPoolReserve).
NodeStartupLog.ThreadPool(loggerFactory, ThreadPoolReserve.StartAndKeep(ThreadPoolReserve.WorkersFor(Environment.ProcessorCount)));
if (options.Detach)
{
    var log = loggerFactory.CreateLogger(NodeLogging.NodeCategory);
    if (detachError is not null)
    {
        NodeLog.StartFailed(log, detachError);
        return 1;
    }
    if (options.Pidfile is { } pidfile) NodeLog.Detached(log, Environment.ProcessId, pidfile);
}
try
{
    // No prompt when detached (monerod's rule), with --non-interactive, or when stdin is not a terminal.
    var hooks = new NodeHostHooks { Logging = logging, Interactive = !options.Detach && NodeConsole.WantsPrompt(options) };
    return await NodeHost.RunAsync(options, RpcLoginPrompt.Console(), loggerFactory, CancellationToken.None, hooks);
}
finally
{
    if (options.Detach) Detach.RemovePidfile(options.Pidfile);
}
