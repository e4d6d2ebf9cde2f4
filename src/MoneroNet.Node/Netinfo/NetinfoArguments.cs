using System.Globalization;
using System.Net;

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
        bool watch = false, help = false, testnet = false, stagenet = false;
        IPAddress ip = IPAddress.Loopback;
        int? port = null;
        string? login = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 0)
                (arg, inline) = (arg[..eq], arg[(eq + 1)..]);
            string? Value()
            {
                if (inline is not null)
                    return inline;
                return i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            }
            switch (arg)
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--watch":
                    watch = true;
                    break;
                case "--testnet":
                    testnet = true;
                    break;
                case "--stagenet":
                    stagenet = true;
                    break;
                case "--rpc-bind-ip":
                    if (Value() is not { } ipText || !IPAddress.TryParse(ipText, out var parsed))
                        return (null, "netinfo: --rpc-bind-ip needs an IP address");
                    ip = parsed;
                    break;
                case "--rpc-bind-port":
                    if (Value() is not { } portText
                        || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                        || p is < 1 or > 65535)
                    {
                        return (null, "netinfo: --rpc-bind-port needs a port 1..65535");
                    }
                    port = p;
                    break;
                case "--rpc-login":
                    login = Value() ?? "";
                    if (login.Length == 0)
                        return (null, "netinfo: --rpc-login needs USER[:PASS]");
                    break;
                default:
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
        if (testnet && stagenet)
            return (null, "netinfo: --testnet and --stagenet together");
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        var defaultPort = testnet ? 28081 : stagenet ? 38081 : 18081;
        if (IPAddress.Any.Equals(ip))
            ip = IPAddress.Loopback; // a node bound to every interface is reached on loopback
        else if (IPAddress.IPv6Any.Equals(ip))
            ip = IPAddress.IPv6Loopback;
        return (new NetinfoArguments
        {
            Level = level ?? 0, Watch = watch, ShowHelp = help,
            RpcEndPoint = new IPEndPoint(ip, port ?? defaultPort), RpcLogin = login,
        }, null);
    }
}
