using System.Globalization;
using System.Net;
using System.Text.Json;
using MoneroNet.Node.CommandLine;

namespace MoneroNet.Node.DaemonConsole;

/// <summary>
/// The console's commands, each parsing its arguments as monerod 0.18's command_parser_executor.cpp does (same
/// messages for bad syntax) and printing what its rpc_command_executor.cpp prints. <c>unban all</c> is MoneroNet's
/// (monerod 0.18 has no such word); <c>exit</c> stops the node only at its own prompt.
/// </summary>
internal static class ConsoleCommands
{
    private const string NoParameters = "Invalid syntax: No parameters expected. For more details, use the help command.";
    private const string TooMany = "Invalid syntax: Too many parameters. For more details, use the help command.";
    private const string OneParameter = "Invalid syntax: One parameter expected. For more details, use the help command.";

    /// <summary>monerod's P2P_IP_BLOCKTIME: a ban without seconds lasts a day.</summary>
    public const int DefaultBanSeconds = 86400;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Every command, by name (the help lists them sorted, as monerod's std::map does).</summary>
    public static IReadOnlyDictionary<string, ConsoleCommand> All { get; } = new ConsoleCommand[]
    {
        new("help", "help [<command>]", "Show the help section or the documentation about a <command>.", HelpAsync),
        new("print_pl", "print_pl [white] [gray] [pruned] [publicrpc] [<limit>]", "Print the current peer list.", PrintPlAsync),
        new("print_pl_stats", "print_pl_stats", "Print the peer list statistics.", NoArguments(PrintPlStatsAsync)),
        new("print_cn", "print_cn", "Print the current connections.", NoArguments(PrintCnAsync)),
        new("print_net_stats", "print_net_stats", "Print network statistics.", NoArguments(PrintNetStatsAsync)),
        new("set_log", "set_log <level>|<{+,-,}categories>", "Change the current log level/categories where <level> is a number 0-4.", SetLogAsync),
        new("status", "status", "Show the current status.", NoArguments(StatusAsync)),
        new("exit", "exit", "Stop the daemon.", ExitAsync),
        new("limit", "limit [<kB/s>]", "Get or set the download and upload limit.", (s, a, ct) => LimitAsync(s, a, both: true, up: true, ct)),
        new("limit_up", "limit_up [<kB/s>]", "Get or set the upload limit.", (s, a, ct) => LimitAsync(s, a, both: false, up: true, ct)),
        new("limit_down", "limit_down [<kB/s>]", "Get or set the download limit.", (s, a, ct) => LimitAsync(s, a, both: false, up: false, ct)),
        new("out_peers", "out_peers <max_number>", "Set the <max_number> of out peers.", (s, a, ct) => PeerLimitAsync(s, a, "out", ct)),
        new("in_peers", "in_peers <max_number>", "Set the <max_number> of in peers.", (s, a, ct) => PeerLimitAsync(s, a, "in", ct)),
        new("bans", "bans", "Show the currently banned IPs.", NoArguments(BansAsync)),
        new("ban", "ban [<IP>|@<filename>] [<seconds>]", "Ban a given <IP> or list of IPs from a file for a given amount of <seconds>.", BanAsync),
        new("unban", "unban <address>|all", "Unban a given <IP>, or every ban with \"all\".", UnbanAsync),
        new("banned", "banned <address>", "Check whether an <address> is banned.", BannedAsync),
        new("sync_info", "sync_info", "Print information about the blockchain sync state.", NoArguments(SyncInfoAsync)),
        new("version", "version", "Print version information.", NoArguments(VersionAsync)),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>
    /// Runs one command line (split on white space). Returns false for an unknown command, which the caller words
    /// as its form does (monerod: "unknown command: X" at the prompt, "Unknown command: X" on stderr as a client).
    /// </summary>
    public static async Task<bool> RunAsync(ConsoleSession session, IReadOnlyList<string> words, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0 || !All.TryGetValue(words[0], out var command))
            return false;
        await command.RunAsync(session, words.Skip(1).ToList(), ct);
        return true;
    }

    /// <summary>monerod's get_commands_str: the version line, then every usage indented.</summary>
    public static string CommandList()
    {
        var usage = string.Concat(All.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Usage + "\n"));
        return ProductInfo.VersionLine + "\nCommands: \n  " + usage.Replace("\n", "\n  ", StringComparison.Ordinal);
    }

    /// <summary>monerod's get_command_usage for one command.</summary>
    public static string CommandUsage(string name) =>
        All.TryGetValue(name, out var c)
            ? $"Command usage: \n  {c.Usage}\n\nCommand description: \n  {c.Description.Replace("\n", "\n  ", StringComparison.Ordinal)}\n"
            : $"Unknown command: {name}\n";

    private static Func<ConsoleSession, IReadOnlyList<string>, CancellationToken, Task> NoArguments(Func<ConsoleSession, CancellationToken, Task> run) =>
        (session, args, ct) =>
        {
            if (args.Count != 0)
            {
                session.Output.Line(NoParameters);
                return Task.CompletedTask;
            }
            return run(session, ct);
        };

    private static Task HelpAsync(ConsoleSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        session.Output.Line(args.Count == 0 ? CommandList() : CommandUsage(args[0]));
        return Task.CompletedTask;
    }

    private static async Task PrintCnAsync(ConsoleSession session, CancellationToken ct)
    {
        if (await session.Rpc.JsonRpcAsync("get_connections", null, "Unsuccessful", ct) is { } result)
            Lines(session, ConsoleFormat.PrintCn(result));
    }

    private static async Task PrintPlAsync(ConsoleSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        // monerod 0.18 takes at most three words here although its usage names five.
        if (args.Count > 3)
        {
            session.Output.Line(TooMany);
            return;
        }
        bool white = false, gray = false, pruned = false, publicRpc = false;
        var limit = 0;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "white": white = true; break;
                case "gray": gray = true; break;
                case "pruned": pruned = true; break;
                case "publicrpc": publicRpc = true; break;
                default:
                    if (!int.TryParse(arg, NumberStyles.None, Invariant, out limit))
                    {
                        session.Output.Line($"Invalid syntax: Unexpected parameter: {arg}. For more details, use the help command.");
                        return;
                    }
                    break;
            }
        }
        var both = !white && !gray;
        if (await session.Rpc.RpcAsync("/get_peer_list", """{"include_blocked":true}""", "Couldn't retrieve peer list", ct) is { } list)
            Lines(session, ConsoleFormat.PrintPl(list, white || both, gray || both, limit, pruned, publicRpc, session.Now));
    }

    private static async Task PrintPlStatsAsync(ConsoleSession session, CancellationToken ct)
    {
        if (await session.Rpc.RpcAsync("/get_peer_list", """{"public_only":false,"include_blocked":true}""", "Couldn't retrieve peer list", ct) is { } list)
            Lines(session, ConsoleFormat.PrintPlStats(list));
    }

    private static async Task PrintNetStatsAsync(ConsoleSession session, CancellationToken ct)
    {
        if (await session.Rpc.RpcAsync("/get_net_stats", "{}", "Unsuccessful", ct) is not { } stats)
            return;
        if (await session.Rpc.RpcAsync("/get_limit", "{}", "Unsuccessful", ct) is not { } limits)
            return;
        foreach (var line in ConsoleFormat.PrintNetStats(stats, limits, session.Now))
            session.Output.Success(line);
    }

    private static async Task StatusAsync(ConsoleSession session, CancellationToken ct)
    {
        const string fail = "Problem fetching info";
        if (await session.Rpc.RpcAsync("/getinfo", "{}", fail, ct) is not { } info)
            return;
        if (await session.Rpc.JsonRpcAsync("hard_fork_info", """{"version":0}""", fail, ct) is not { } hardFork)
            return;
        // Only an unrestricted RPC serves /mining_status; without it monerod prints its failure and goes on.
        var mining = await session.Rpc.RpcAsync("/mining_status", "{}", fail, ct);
        session.Output.Success(ConsoleFormat.Status(info, hardFork, mining, session.Now));
    }

    private static async Task SyncInfoAsync(ConsoleSession session, CancellationToken ct)
    {
        if (await session.Rpc.JsonRpcAsync("sync_info", null, "Unsuccessful", ct) is not { } sync)
            return;
        foreach (var line in ConsoleFormat.SyncInfo(sync))
            session.Output.Success(line);
    }

    private static async Task BansAsync(ConsoleSession session, CancellationToken ct)
    {
        if (await session.Rpc.JsonRpcAsync("get_bans", null, "Unsuccessful", ct) is { } bans)
            Lines(session, ConsoleFormat.Bans(bans));
    }

    private static async Task BanAsync(ConsoleSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count is not (1 or 2))
        {
            session.Output.Line("Invalid syntax: Expects one or two parameters. For more details, use the help command.");
            return;
        }
        long seconds = DefaultBanSeconds;
        if (args.Count > 1)
        {
            if (StoInt(args[1], int.MinValue, int.MaxValue) is not { } parsed)
            {
                session.Output.Line("Invalid syntax: Failed to parse seconds. For more details, use the help command.");
                return;
            }
            if (parsed == 0)
            {
                session.Output.Line("Seconds must be greater than 0.");
                return;
            }
            seconds = parsed;
        }
        if (!args[0].StartsWith('@'))
        {
            await SetBanAsync(session, args[0], ban: true, seconds, ct);
            return;
        }
        var path = args[0][1..];
        if (!File.Exists(path))
        {
            session.Output.Line($"Can't find ban list file {path} - No such file or directory");
            return;
        }
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            session.Output.Line($"Error loading ban list: {e.Message}");
            return;
        }
        foreach (var line in lines)
        {
            // An IPv4 subnet as written, else one address as its host string; anything else is reported and skipped.
            if (line.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(line, out var subnet)
                && subnet.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                await SetBanAsync(session, subnet.ToString(), ban: true, seconds, ct);
            }
            else if (IPAddress.TryParse(line, out var address) && !line.Contains('/', StringComparison.Ordinal))
            {
                await SetBanAsync(session, address.ToString(), ban: true, seconds, ct);
            }
            else
            {
                session.Output.Line($"Invalid IP address or IPv4 subnet: {line}");
            }
        }
    }

    private static async Task UnbanAsync(ConsoleSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 1)
        {
            session.Output.Line(OneParameter);
            return;
        }
        if (args[0] != "all")
        {
            await SetBanAsync(session, args[0], ban: false, 0, ct);
            return;
        }
        if (await session.Rpc.JsonRpcAsync("get_bans", null, "Unsuccessful", ct) is not { } bans)
            return;
        foreach (var host in MonerodText.Array(bans, "bans").Select(b => MonerodText.Text(b, "host")).ToList())
            await SetBanAsync(session, host, ban: false, 0, ct);
    }

    /// <summary>set_bans with one entry; monerod prints nothing when it succeeds.</summary>
    private static Task<JsonElement?> SetBanAsync(ConsoleSession session, string host, bool ban, long seconds, CancellationToken ct) =>
        session.Rpc.JsonRpcAsync("set_bans",
            $$"""{"bans":[{"host":"{{JsonEncodedText.Encode(host)}}","ip":0,"ban":{{(ban ? "true" : "false")}},"seconds":{{seconds.ToString(Invariant)}}}]}""",
            "Unsuccessful", ct);

    private static async Task BannedAsync(ConsoleSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 1)
        {
            session.Output.Line(OneParameter);
            return;
        }
        var address = args[0];
        if (await session.Rpc.JsonRpcAsync("banned", $$"""{"address":"{{JsonEncodedText.Encode(address)}}"}""", "Unsuccessful", ct) is not { } result)
            return;
        session.Output.Line(MonerodText.Bool(result, "banned")
            ? string.Create(Invariant, $"{address} is banned for {MonerodText.UInt(result, "seconds")} seconds")
            : $"{address} is not banned");
    }

    private static async Task PeerLimitAsync(ConsoleSession session, IReadOnlyList<string> args, string direction, CancellationToken ct)
    {
        var set = args.Count > 0;
        uint limit = 0;
        if (set)
        {
            if (StoInt(args[0], int.MinValue, int.MaxValue) is not { } parsed)
            {
                // monerod's two parsers word this differently.
                session.Output.Line(direction == "in"
                    ? "Invalid syntax: Failed to parse number."
                    : "Invalid syntax: Failed to parse number. For more details, use the help command.");
                return;
            }
            limit = unchecked((uint)(int)parsed); // std::stoi into a uint32_t: -1 is "unlimited"
        }
        var field = direction + "_peers";
        var body = $$"""{"set":{{(set ? "true" : "false")}},"{{field}}":{{limit.ToString(Invariant)}}}""";
        if (await session.Rpc.RpcAsync("/" + field, body, "Unsuccessful", ct) is { } result)
            session.Output.Line(ConsoleFormat.PeerLimit(direction, MonerodText.UInt(result, field)));
    }

    private static async Task LimitAsync(ConsoleSession session, IReadOnlyList<string> args, bool both, bool up, CancellationToken ct)
    {
        if (args.Count > 1)
        {
            session.Output.Line(TooMany);
            return;
        }
        if (args.Count == 0)
        {
            if (await session.Rpc.RpcAsync("/get_limit", "{}", "Couldn't get limit", ct) is not { } limits)
                return;
            if (both || !up)
                session.Output.Line(string.Create(Invariant, $"limit-down is {MonerodText.UInt(limits, "limit_down")} kB/s"));
            if (both || up)
                session.Output.Line(string.Create(Invariant, $"limit-up is {MonerodText.UInt(limits, "limit_up")} kB/s"));
            return;
        }
        if (StoInt(args[0], long.MinValue, long.MaxValue) is not { } limit)
        {
            session.Output.Line("Invalid syntax: Failed to parse limit. For more details, use the help command.");
            return;
        }
        // 0 leaves that direction as it is (monerod's set_limit); -1 restores its default.
        var down = both || !up ? limit : 0;
        var upLimit = both || up ? limit : 0;
        var body = string.Create(Invariant, $$"""{"limit_down":{{down}},"limit_up":{{upLimit}}}""");
        if (await session.Rpc.RpcAsync("/set_limit", body, "Couldn't set limit", ct) is not { } now)
            return;
        session.Output.Line(string.Create(Invariant, $"Set limit-down to {MonerodText.UInt(now, "limit_down")} kB/s"));
        session.Output.Line(string.Create(Invariant, $"Set limit-up to {MonerodText.UInt(now, "limit_up")} kB/s"));
    }

    private static async Task SetLogAsync(ConsoleSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count > 1)
        {
            session.Output.Line(TooMany);
            return;
        }
        var categories = args.Count == 0 ? "+" : args[0];
        if (args.Count == 1 && ushort.TryParse(args[0], NumberStyles.None, Invariant, out var level))
        {
            if (level > 4)
            {
                session.Output.Line("Invalid syntax: Wrong number range, use: set_log <log_level_number_0-4>. For more details, use the help command.");
                return;
            }
            if (await session.Rpc.RpcAsync("/set_log_level", string.Create(Invariant, $$"""{"level":{{level}}}"""), "Unsuccessful", ct) is not null)
                session.Output.Success(string.Create(Invariant, $"Log level is now {level}"));
            return;
        }
        if (await session.Rpc.RpcAsync("/set_log_categories", $$"""{"categories":"{{JsonEncodedText.Encode(categories)}}"}""", "Unsuccessful", ct) is { } result)
            session.Output.Success("Log categories are now " + MonerodText.Text(result, "categories"));
    }

    private static async Task VersionAsync(ConsoleSession session, CancellationToken ct)
    {
        if (await session.Rpc.RpcAsync("/getinfo", "{}", "Problem fetching info", ct) is not { } info)
            return;
        var version = MonerodText.Text(info, "version");
        if (IsMonerodVersion(version))
            session.Output.Success(version);
        else
            session.Output.Fail("The daemon software version is not available.");
    }

    /// <summary>
    /// monerod's is_version_string_valid (rpc_version_str.cpp: four numbers, then "-release" or a 9-digit commit).
    /// Kept as strict as monerod's, so that <c>version</c> prints what monerod's client prints for the same node:
    /// MoneroNet's "0.1.0" and the Debian build's "0.18.0.0-unknown" are both "not available" to it.
    /// </summary>
    public static bool IsMonerodVersion(string version) =>
        System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d{1,2}(\.\d{1,2}){3}(-(release|[0-9a-f]{9}))?$");

    private static async Task ExitAsync(ConsoleSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 0)
        {
            session.Output.Line(NoParameters);
            return;
        }
        if (session.StopNode is { } stop)
        {
            await stop();
            return;
        }
        // The client form: monerod's /stop_daemon, which MoneroNet serves too.
        if (await session.Rpc.RpcAsync("/stop_daemon", "{}", "Daemon did not stop", ct) is not null)
            session.Output.Success("Stop signal sent");
    }

    private static void Lines(ConsoleSession session, IEnumerable<string> lines)
    {
        foreach (var line in lines)
            session.Output.Line(line);
    }

    /// <summary>
    /// C++'s std::stoi/stoll: leading white space, an optional sign, then digits (the rest is ignored: "5x" is 5);
    /// null when no digit comes first or the value is out of range.
    /// </summary>
    public static long? StoInt(string text, long min, long max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        var start = i;
        if (i < text.Length && text[i] is '+' or '-')
            i++;
        var digitsStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            i++;
        if (i == digitsStart)
            return null;
        return long.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, Invariant, out var value) && value >= min && value <= max
            ? value
            : null;
    }
}
