using System.Net;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.Netinfo;

/// <summary>
/// <c>moneronet netinfo [0-4] [--watch] [--testnet|--stagenet] [--rpc-bind-ip IP] [--rpc-bind-port N]
/// [--rpc-login USER[:PASS]]</c>. The RPC flags mean what they mean to the node (the default port follows the
/// network: 18081, 28081, 38081), so the same flags that started a node reach it. Both "--flag value" and
/// "--flag=value" work.
/// </summary>
internal sealed record NetinfoArguments
{
    public const string Usage =
        "usage: moneronet netinfo [0-4] [--watch] [--testnet|--stagenet] [--rpc-bind-ip IP] [--rpc-bind-port N] [--rpc-login USER[:PASS]]";

    public static readonly string HelpText = Usage + "\n" + """
        A view of a running node's P2P connections, read over its RPC (MoneroNet, or monerod with fewer fields).
          0  (default) counts by connection type and zone, in/out/total; local addresses; traffic and round trips
          1  0 plus a row a peer: direction, type, zone, lowest and last ping, idle since send/recv, age, height
          2  1 plus each peer's id and address
          3  2 plus each peer's state, proxy check and AS number
          4  3 plus each peer's traffic by command, received and sent
        Peers are listed outbound first, then by lowest ping, then oldest first.
          --watch   read and print again every 2 s until Ctrl-C: in place in a terminal; piped, one frame after
                    another, each after a line with its time
        The node must be running; its RPC flags give the address (default 127.0.0.1 and the network's RPC port).
        Exit code 1, with one line on stderr, when the node cannot be read.
        """ + "\n";

    public int Level { get; init; }

    public bool Watch { get; init; }

    public bool ShowHelp { get; init; }

    public required IPEndPoint RpcEndPoint { get; init; }

    /// <summary>--rpc-login as given (USER or USER:PASS), completed by RpcLoginPrompt.</summary>
    public string? RpcLogin { get; init; }

    /// <returns>The arguments, or an error line.</returns>
    public static (NetinfoArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int? level = null;
        bool watch = false, help = false;
        var rpc = new RpcClientFlags();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 0)
                (arg, inline) = (arg[..eq], arg[(eq + 1)..]);
            switch (arg)
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--watch":
                    watch = true;
                    break;
                default:
                    if (RpcClientFlags.IsFlag(arg))
                    {
                        var value = inline;
                        if (value is null && RpcClientFlags.TakesValue(arg) && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                            value = args[++i];
                        if (rpc.Take(arg, value) is { } flagError)
                            return (null, "netinfo: " + flagError);
                        break;
                    }
                    if (arg.Length == 1 && arg[0] is >= '0' and <= '4' && level is null)
                    {
                        level = arg[0] - '0';
                        break;
                    }
                    return (null, arg.StartsWith('-')
                        ? $"netinfo: unknown option {arg}\n{Usage}"
                        : $"netinfo: the level is one of 0 1 2 3 4, not \"{arg}\"\n{Usage}");
            }
        }
        var (endPoint, error) = rpc.Resolve();
        if (endPoint is null)
            return (null, "netinfo: " + error);
        return (new NetinfoArguments
        {
            Level = level ?? 0, Watch = watch, ShowHelp = help, RpcEndPoint = endPoint, RpcLogin = rpc.RpcLogin,
        }, null);
    }
}
