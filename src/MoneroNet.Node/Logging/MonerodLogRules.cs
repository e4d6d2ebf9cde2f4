using Microsoft.Extensions.Logging;

namespace MoneroNet.Node.Logging;

/// <summary>
/// monerod's log category syntax (easylogging as monerod configures it): a comma-separated list of
/// <c>category:LEVEL</c>, where the category may hold <c>*</c> and <c>?</c> wildcards and LEVEL is one of FATAL, ERROR,
/// WARNING, INFO, DEBUG, TRACE (upper or lower case; VERBOSE counts as TRACE). A logger's level is that of the LAST
/// entry matching its category, so <c>net.p2p:DEBUG,*:WARNING</c> leaves net.p2p at WARNING and
/// <c>*:WARNING,net.p2p:DEBUG</c> raises it; a category no entry matches logs nothing. Entries whose level is missing
/// or unknown are dropped, as monerod drops them. Immutable: a change builds new rules.
/// </summary>
public sealed class MonerodLogRules
{
    private readonly (string Pattern, LogLevel Level)[] _entries;

    private MonerodLogRules(string text, (string Pattern, LogLevel Level)[] entries)
    {
        Text = text;
        _entries = entries;
    }

    /// <summary>The rules as given (monerod answers <c>/set_log_categories</c> with this text).</summary>
    public string Text { get; }

    /// <summary>The entries that parsed, in order.</summary>
    public IReadOnlyList<(string Pattern, LogLevel Level)> Entries => _entries;

    /// <summary>
    /// monerod's presets for --log-level 0..4 (mlog.cpp), plus one entry for the .NET framework's own loggers
    /// ("framework", see <see cref="MonerodCategoryOf"/>) that keeps them a step quieter than ours below level 4.
    /// </summary>
    public static string Preset(int level) => level switch
    {
        <= 0 => "*:WARNING,net:FATAL,net.http:FATAL,net.ssl:FATAL,net.p2p:FATAL,net.cn:FATAL,daemon.rpc:FATAL,global:INFO,"
                + "verify:FATAL,serialization:FATAL,daemon.rpc.payment:ERROR,stacktrace:INFO,logging:INFO,msgwriter:INFO",
        1 => "*:INFO,global:INFO,stacktrace:INFO,logging:INFO,msgwriter:INFO,perf.*:DEBUG,framework:WARNING",
        2 => "*:DEBUG,framework:INFO",
        3 => "*:TRACE,*.dump:DEBUG,framework:DEBUG",
        _ => "*:TRACE",
    };

    public static MonerodLogRules ForLevel(int level) => Parse(Preset(level));

    /// <summary>Parses <paramref name="text"/>; never fails (unparsable entries are dropped, as monerod drops them).</summary>
    public static MonerodLogRules Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<(string, LogLevel)>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.LastIndexOf(':');
            if (colon <= 0 || TryParseLevel(entry[(colon + 1)..]) is not { } level)
                continue;
            entries.Add((entry[..colon], level));
        }
        return new MonerodLogRules(text, [.. entries]);
    }

    /// <summary>monerod's level names (mlog/easylogging), mapped onto Microsoft.Extensions.Logging's.</summary>
    public static LogLevel? TryParseLevel(string name) => name.ToUpperInvariant() switch
    {
        "FATAL" => LogLevel.Critical,
        "ERROR" => LogLevel.Error,
        "WARNING" => LogLevel.Warning,
        "INFO" => LogLevel.Information,
        "DEBUG" => LogLevel.Debug,
        "TRACE" or "VERBOSE" => LogLevel.Trace,
        _ => null,
    };

    /// <summary>
    /// The monerod category a logger's category answers to. Ours already carry monerod's names (net.p2p, net.cn,
    /// net.conn, net.peerlist, net.throttle, net.http, daemon.rpc); the host's own loggers (MoneroNet.Node…) are
    /// monerod's "global" (start-up, listening addresses, shutdown); the .NET framework's (Microsoft.…, System.…) are
    /// "framework", a name monerod does not have. Any other category is matched as it is.
    /// </summary>
    public static string MonerodCategoryOf(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        if (category.StartsWith(NodeLogging.NodeCategory, StringComparison.Ordinal))
            return "global";
        if (category.StartsWith("Microsoft.", StringComparison.Ordinal) || category.StartsWith("System.", StringComparison.Ordinal)
            || category is "Microsoft" or "System")
        {
            return "framework";
        }
        return category;
    }

    /// <summary>The lowest level a logger of <paramref name="category"/> writes; <see cref="LogLevel.None"/> when no entry matches.</summary>
    public LogLevel MinimumFor(string category)
    {
        var name = MonerodCategoryOf(category);
        for (var i = _entries.Length - 1; i >= 0; i--)
        {
            if (WildcardMatch(name, _entries[i].Pattern))
                return _entries[i].Level;
        }
        return LogLevel.None;
    }

    /// <summary>easylogging's match: <c>*</c> any run of characters, <c>?</c> any one character, else exact.</summary>
    public static bool WildcardMatch(string text, string pattern)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pattern);
        int t = 0, p = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
