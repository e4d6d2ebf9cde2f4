using System.CommandLine;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// The monerod 0.18 settings that have no meaning for a node without a blockchain, miner, ZMQ server, proxy support or
/// RPC payments: accepted on the command line and in the config file with monerod's value syntax (so an operator's
/// bitmonero.conf starts the node), and named in one warning line at start (<see cref="NodeOptions.WithoutEffect"/>).
/// The list and the value types are monerod's --help (src/cryptonote_core/cryptonote_core.cpp, src/daemon,
/// src/p2p/net_node.cpp, src/rpc/core_rpc_server.cpp).
/// </summary>
internal static class WithoutEffectFlags
{
    private static readonly string[] Switches =
    [
        "proxy-allow-dns-leaks", "test-drop-download", "keep-fakechain", "enforce-dns-checkpointing", "fluffy-blocks",
        "no-fluffy-blocks", "sync-pruned-blocks", "prune-blockchain", "keep-alt-blocks", "bg-mining-enable",
        "bg-mining-ignore-battery", "db-salvage", "no-sync", "enable-dns-blocklist", "pad-transactions",
        "rpc-payment-allow-free-loopback",
    ];

    /// <summary>Settings taking an unsigned number (boost rejects anything else).</summary>
    private static readonly string[] Numbers =
    [
        "max-concurrency", "zmq-rpc-bind-port", "test-drop-download-height", "fixed-difficulty", "prep-blocks-threads",
        "show-time-stats", "block-sync-size", "test-dbg-lock-sleep", "block-download-max-size", "max-txpool-weight",
        "mining-threads", "bg-mining-min-idle-interval", "bg-mining-idle-threshold", "bg-mining-miner-target",
        "rpc-payment-difficulty", "rpc-payment-credits", "rpc-response-soft-limit",
    ];

    /// <summary>Settings taking a signed number.</summary>
    private static readonly string[] SignedNumbers = ["tos-flag"];

    /// <summary>Settings taking a boolean value (monerod's "--fast-block-sync arg (=1)").</summary>
    private static readonly string[] Booleans = ["fast-block-sync"];

    /// <summary>Settings taking text (addresses, paths, commands, modes).</summary>
    private static readonly string[] Texts =
    [
        "proxy", "zmq-rpc-bind-ip", "zmq-pub", "block-notify", "reorg-notify", "block-rate-notify", "extra-messages-file",
        "start-mining", "db-sync-mode", "igd", "bootstrap-daemon-address", "bootstrap-daemon-login",
        "bootstrap-daemon-proxy", "rpc-payment-address",
    ];

    /// <summary>Repeatable text settings.</summary>
    private static readonly string[] RepeatableTexts = ["tx-proxy", "anonymous-inbound"];

    /// <summary>One option a setting, every one described as without effect in --help.</summary>
    public static IReadOnlyList<Option> Create()
    {
        const string Note = "Accepted from monerod; no effect here";
        var options = new List<Option>();
        foreach (var name in Switches)
            options.Add(new Option<bool>("--" + name) { Description = Note, Arity = ArgumentArity.Zero });
        foreach (var name in Numbers)
            options.Add(Valued<long?>(name, ValueParsers.Integer(0, long.MaxValue, "an integer >= 0"), Note));
        foreach (var name in SignedNumbers)
            options.Add(Valued<long?>(name, ValueParsers.Integer(long.MinValue, long.MaxValue, "an integer"), Note));
        foreach (var name in Booleans)
            options.Add(Valued<string>(name, ValueParsers.OneOf("0", "1", "true", "false", "yes", "no", "on", "off"), Note));
        foreach (var name in Texts)
            options.Add(Valued<string>(name, ValueParsers.NonEmpty("a non-empty value"), Note));
        foreach (var name in RepeatableTexts)
            options.Add(new Option<string[]>("--" + name) { Description = Note, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false, HelpName = "arg" });
        options.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return options;
    }

    private static Option<T> Valued<T>(string name, Func<System.CommandLine.Parsing.ArgumentResult, T?> parser, string description) =>
        new("--" + name) { Description = description, Arity = ArgumentArity.ExactlyOne, HelpName = "arg", CustomParser = parser! };
}
