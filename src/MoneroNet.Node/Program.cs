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
    case CommandLineAction.Fail:
        Console.Error.WriteLine(result.Error);
        return 1;
}

var options = result.Options!;
var logging = LogLevelPolicy.FromFlag(options.LogLevelText);
using var loggerFactory = NodeLogging.CreateLoggerFactory(options, logging);
// Peers and RPC clients each hold a descriptor: lift the soft open-file limit before anything listens.
NodeStartupLog.OpenFileLimit(loggerFactory, OpenFileLimit.RaiseToHardLimit());
// Every assembly the node can use, loaded now: a load that fails for lack of descriptors stays failed (AssemblyPreload).
AssemblyPreload.LoadReferencesOf(typeof(NodeHost).Assembly, AppContext.BaseDirectory);
// Every worker thread the node will use, started now: creating one later needs free descriptors (ThreadPoolReserve).
NodeStartupLog.ThreadPool(loggerFactory, ThreadPoolReserve.StartAndKeep(ThreadPoolReserve.WorkersFor(Environment.ProcessorCount)));
return await NodeHost.RunAsync(options, RpcLoginPrompt.Console(), loggerFactory, CancellationToken.None, new NodeHostHooks { Logging = logging, Interactive = NodeConsole.WantsPrompt(options) });
