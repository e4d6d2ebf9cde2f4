using System.Text;

namespace MoneroNet.Node.CommandLine;

/// <summary>Renders --help in monerod's layout: "  --flag arg (=default)" then the description in a second column.</summary>
internal static class HelpText
{
    private const int DescriptionColumn = 40;

    /// <summary>Defaults as monerod's --help shows them; network-dependent ones name each network.</summary>
    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["--data-dir"] = "~/.bitmonero, ~/.bitmonero/testnet if 'testnet', ~/.bitmonero/stagenet if 'stagenet'",
        ["--log-file"] = $"<data-dir>/{NodeOptions.DefaultLogFileName}",
        ["--log-level"] = "0",
        ["--max-log-file-size"] = NodeOptions.DefaultMaxLogFileSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["--max-log-files"] = NodeOptions.DefaultMaxLogFiles.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["--check-updates"] = "notify",
        ["--p2p-bind-ip"] = "0.0.0.0",
        ["--p2p-bind-ipv6-address"] = "::",
        ["--p2p-bind-port"] = "18080, 28080 if 'testnet', 38080 if 'stagenet'",
        ["--p2p-bind-port-ipv6"] = "18080, 28080 if 'testnet', 38080 if 'stagenet'",
        ["--p2p-external-port"] = "0",
        ["--out-peers"] = "-1",
        ["--in-peers"] = "-1",
        ["--limit-rate-up"] = "2048",
        ["--limit-rate-down"] = "8192",
        ["--limit-rate"] = "-1",
        ["--max-connections-per-ip"] = "1",
        ["--rpc-bind-port"] = "18081, 28081 if 'testnet', 38081 if 'stagenet'",
        ["--rpc-bind-ip"] = "127.0.0.1",
        ["--rpc-bind-ipv6-address"] = "::1",
        ["--rpc-restricted-bind-ip"] = "127.0.0.1",
        ["--rpc-ssl"] = "autodetect",
    };

    public static string Render(NodeFlags flags)
    {
        var text = new StringBuilder();
        text.Append(ProductInfo.VersionLine).Append("\n\n");
        text.Append("Usage: moneronet [options|settings]\n");
        text.Append("       moneronet levin-decode FILE...|-    decode Levin messages (hex text or raw bytes) to JSON\n");
        text.Append("       moneronet netinfo [0-4] [--watch] [RPC flags]   a running node's connections (netinfo --help)\n");
        text.Append("       moneronet [RPC flags] COMMAND [ARGS]   one of monerod's console commands against a running node\n");
        text.Append("           COMMAND: ").Append(string.Join(' ', DaemonConsole.ConsoleCommands.All.Keys.Order(StringComparer.Ordinal))).Append('\n');
        text.Append("           RPC flags: --testnet|--stagenet --rpc-bind-ip IP --rpc-bind-port N --rpc-login USER[:PASS]\n");
        text.Append("           (the same commands are read at the node's prompt when it runs in a terminal without --non-interactive)\n\n");
        text.Append("Options (both --flag value and --flag=value are accepted):\n");
        foreach (var option in flags.All)
        {
            var left = "  " + option.Name + (option.Arity.MaximumNumberOfValues > 0 ? " arg" : "");
            if (Defaults.TryGetValue(option.Name, out var defaultText))
                left += $" (={defaultText})";
            text.Append(left);
            if (left.Length < DescriptionColumn)
                text.Append(' ', DescriptionColumn - left.Length);
            else
                text.Append('\n').Append(' ', DescriptionColumn);
            text.Append(option.Description).Append('\n');
        }
        return text.ToString();
    }
}
