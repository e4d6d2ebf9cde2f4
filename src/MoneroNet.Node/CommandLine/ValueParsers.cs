using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// Typed value parsers for <see cref="Option{T}.CustomParser"/>. Each reports a bad value as a monerod-style
/// one-line error on the argument result instead of System.CommandLine's generic "cannot parse" text.
/// </summary>
internal static class ValueParsers
{
    public static Func<ArgumentResult, T?> Create<T>(Func<string, T?> parse, string expected) => result =>
    {
        if (result.Tokens.Count != 1)
            return default; // missing or repeated: reported by NodeCommandLine with monerod's wording
        var text = result.Tokens[0].Value;
        var value = parse(text);
        if (value is null)
            result.AddError(CommandLineMessages.InvalidValue(OptionName(result), text, expected));
        return value;
    };

    /// <summary>Decimal integer in [min, max]; no thousands separators, no leading '+'.</summary>
    public static Func<ArgumentResult, long?> Integer(long min, long max, string expected) => Create<long?>(text =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
        && !text.StartsWith('+') && v >= min && v <= max ? v : null, expected);

    /// <summary>
    /// --log-level: monerod's level 0..4, a level then categories ("2,net.p2p:TRACE") or categories alone
    /// ("net.p2p:DEBUG,*:WARNING"; see Logging/MonerodLogRules.cs). A bare number above 4 is refused.
    /// </summary>
    public static Func<ArgumentResult, string?> LogLevel() => Create<string?>(text =>
    {
        if (text.Length == 1 && text[0] is >= '0' and <= '4')
            return text;
        // A level then categories, or categories alone: every entry must be CATEGORY:LEVEL with a level monerod knows
        // (monerod itself drops a malformed entry silently, which at start-up only hides an operator's typo).
        var categories = text.Length > 2 && text[0] is >= '0' and <= '4' && text[1] == ',' ? text[2..] : text;
        var entries = categories.Split(',');
        return entries.All(e => e.LastIndexOf(':') is var colon and > 0 && Logging.MonerodLogRules.TryParseLevel(e[(colon + 1)..]) is not null)
            ? text
            : null;
    }, "0..4 or monerod log categories such as net.p2p:DEBUG,*:WARNING");

    /// <summary>A port to bind: 0..65535 (0 lets the OS choose).</summary>
    public static Func<ArgumentResult, int?> BindPort() => Create<int?>(text =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= ushort.MaxValue ? v : null,
        "a port number 0..65535");

    /// <summary>An address literal of the given family; IPv6 may be written in brackets, as monerod allows.</summary>
    public static Func<ArgumentResult, IPAddress?> Address(AddressFamily family) => Create(text =>
    {
        var literal = family == AddressFamily.InterNetworkV6 && text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        if (!IPAddress.TryParse(literal, out var ip) || ip.AddressFamily != family || literal.Contains('%'))
            return null;
        // IPAddress.TryParse reads "1" or "127.1" as IPv4 shorthand; require the full dotted quad.
        if (family == AddressFamily.InterNetwork && literal.Count(c => c == '.') != 3)
            return null;
        return ip;
    }, family == AddressFamily.InterNetwork ? "an IPv4 address" : "an IPv6 address");

    /// <summary>Either an IPv4 or an IPv6 literal (monerod's --rpc-bind-ip and --rpc-restricted-bind-ip take both).</summary>
    public static Func<ArgumentResult, IPAddress?> AnyAddress() => Create(text =>
        IPAddress.TryParse(text, out var ip) && !text.Contains('%')
        && (ip.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3) ? ip : null,
        "an IP address");

    /// <summary>One of a fixed set of words (case-sensitive, as monerod compares them).</summary>
    public static Func<ArgumentResult, string?> OneOf(params string[] words) =>
        Create(text => words.Contains(text, StringComparer.Ordinal) ? text : null, string.Join('|', words));

    /// <summary>Any non-empty text (paths, login).</summary>
    public static Func<ArgumentResult, string?> NonEmpty(string expected) =>
        Create(text => text.Length > 0 ? text : null, expected);

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : "?";
}
