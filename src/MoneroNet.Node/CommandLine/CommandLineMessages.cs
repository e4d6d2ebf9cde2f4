namespace MoneroNet.Node.CommandLine;

/// <summary>
/// The one-line error texts of the command line, worded as monerod (boost::program_options) words them so that
/// operators and scripts that know monerod's messages recognise ours.
/// </summary>
internal static class CommandLineMessages
{
    /// <summary>monerod prefixes every syntax error with this (command_line::handle_error_helper).</summary>
    private const string ParseFailed = "Failed to parse arguments: ";

    /// <summary>The prefix of syntax errors, for rewording them when they come from the config file.</summary>
    public const string ParseFailedPrefix = ParseFailed;

    public static string UnknownOption(string token) => $"{ParseFailed}unrecognised option '{OptionName(token)}'";

    public static string UnexpectedArgument(string token) => $"{ParseFailed}unexpected argument '{token}'";

    public static string InvalidValue(string option, string value, string expected) =>
        $"{ParseFailed}the argument ('{value}') for option '{option}' is invalid: expected {expected}";

    public static string MissingValue(string option) => $"{ParseFailed}the required argument for option '{option}' is missing";

    public static string Repeated(string option) => $"{ParseFailed}option '{option}' cannot be specified more than once";

    public static string TakesNoValue(string option) => $"{ParseFailed}option '{option}' does not take any arguments";

    /// <summary>An error System.CommandLine words itself; ours already carry the prefix.</summary>
    public static string Other(string message) =>
        (message.StartsWith(ParseFailed, StringComparison.Ordinal) ? message : ParseFailed + message).ReplaceLineEndings(" ");

    public static string NetworkConflict() => "Can't specify more than one of --testnet and --stagenet and --regtest";

    public static string ConfigFileMissing(string path) => $"Can't find config file {path}";

    public static string ExternalBind(string option) =>
        $"--{option} permits inbound unencrypted external connections. Consider SSH tunnel or SSL proxy instead. Override with --confirm-external-bind";

    public static string CapAboveTotal(string cap, string total) => $"{cap} is bigger than {total}";

    public static string PublicNodeNeedsRestrictedRpc() =>
        "--public-node: restricted RPC mode is required (--restricted-rpc or --rpc-restricted-bind-port)";

    public static string BadFingerprint() => "SHA-256 fingerprint should be 32 bytes long.";

    public static string WithoutEffect(IEnumerable<string> names) =>
        "Options without effect here (MoneroNet keeps no blockchain, mines nothing, has no ZMQ, proxy or RPC payment): "
        + string.Join(", ", names);

    public static string EmptyRpcUser() => "Username specified with --rpc-login cannot be empty";

    public static string BadPeer(string option, string value) =>
        $"{ParseFailed}the argument ('{value}') for option '--{option}' is invalid: expected HOST, HOST:PORT, IPV6 or [IPV6]:PORT";

    /// <summary>"--flag=value" is reported by its flag name only.</summary>
    private static string OptionName(string token)
    {
        var equals = token.IndexOf('=');
        return token.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? token[..equals] : token;
    }
}
