using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MoneroNet.Node.Logging;

/// <summary>
/// The node's log filter, changeable while it runs: --log-level at start, then <c>set_log</c> at the prompt and the RPC's
/// <c>/set_log_level</c> and <c>/set_log_categories</c>. It is installed as one Microsoft.Extensions.Logging filter
/// function, which the logger factory calls on every IsEnabled, so a change reaches loggers created before it. The
/// answer for each category is cached until the next change (the hot path is one dictionary read).
/// <para>What the levels and categories mean is monerod's (<see cref="MonerodLogRules"/>): 0 warnings plus the host's
/// start-up lines ("global"), 1 info, 2 debug, 3 and 4 trace; the framework (Kestrel…) stays a step quieter below 4.</para>
/// </summary>
public sealed class LogLevelPolicy
{
    private State _state;

    public LogLevelPolicy(MonerodLogRules rules) => _state = new State(rules ?? throw new ArgumentNullException(nameof(rules)));

    /// <summary>The policy for a --log-level value: a number 0-4, a number then categories (<c>2,net.p2p:TRACE</c>) or categories.</summary>
    public static LogLevelPolicy FromFlag(string? value) => new(RulesFor(value ?? "0", current: ""));

    /// <summary>The rules in force now.</summary>
    public MonerodLogRules Rules => Volatile.Read(ref _state).Rules;

    /// <summary>The filter function: called for every IsEnabled of every logger.</summary>
    public bool IsEnabled(string? category, LogLevel level)
    {
        if (level == LogLevel.None)
            return false;
        var state = Volatile.Read(ref _state);
        var name = category ?? "";
        if (!state.Minimums.TryGetValue(name, out var minimum))
            minimum = state.Minimums.GetOrAdd(name, state.Rules.MinimumFor(name));
        return level >= minimum;
    }

    /// <summary>monerod's set_log_level: the preset of <paramref name="level"/> (0-4) replaces the categories.</summary>
    public void SetLevel(int level) => Replace(MonerodLogRules.ForLevel(level));

    /// <summary>
    /// monerod's set_log_categories: <c>+cats</c> appends to the rules in force, <c>-cats</c> removes each named entry
    /// from them, anything else replaces them; an empty string clears them (nothing logs), <c>+</c> alone changes
    /// nothing. Returns the rules now in force.
    /// </summary>
    public string SetCategories(string categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var current = Rules.Text;
        string next;
        if (categories.StartsWith('+'))
        {
            var added = categories[1..];
            next = added.Length == 0 ? current : current.Length == 0 ? added : current + "," + added;
        }
        else if (categories.StartsWith('-'))
        {
            next = current;
            foreach (var removed in categories[1..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var at = next.IndexOf(removed, StringComparison.Ordinal);
                if (at >= 0)
                    next = next.Remove(at, removed.Length);
            }
        }
        else
        {
            next = categories;
        }
        Replace(MonerodLogRules.Parse(next));
        return next;
    }

    /// <summary>
    /// monerod's mlog_set_log, behind the prompt's <c>set_log</c> and <c>/set_log_categories</c>: a leading number is a
    /// preset (categories after a comma follow it: <c>2,net.p2p:TRACE</c>); anything else goes to
    /// <see cref="SetCategories"/>. Returns the rules now in force.
    /// </summary>
    public string SetLog(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (LeadingLevel(value) is not { } level)
            return SetCategories(value);
        Replace(RulesFor(value, Rules.Text));
        return Rules.Text;
    }

    private static int? LeadingLevel(string value)
    {
        var digits = 0;
        while (digits < value.Length && char.IsAsciiDigit(value[digits]))
            digits++;
        return digits > 0 && digits < 10 && int.TryParse(value.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            ? level : null;
    }

    /// <summary>monerod's mlog_set_log at start: a leading number is a preset, and categories after a comma follow it.</summary>
    private static MonerodLogRules RulesFor(string value, string current)
    {
        if (LeadingLevel(value) is not { } level)
            return MonerodLogRules.Parse(value.Length == 0 ? current : value);
        var digits = level.ToString(CultureInfo.InvariantCulture).Length;
        if (value.Length == digits)
            return MonerodLogRules.ForLevel(level);
        return value[digits] == ',' ? MonerodLogRules.Parse(MonerodLogRules.Preset(level) + value[digits..]) : MonerodLogRules.Parse(value);
    }

    private void Replace(MonerodLogRules rules) => Volatile.Write(ref _state, new State(rules));

    /// <summary>Installs the policy on every provider of <paramref name="builder"/>.</summary>
    public ILoggingBuilder Apply(ILoggingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.SetMinimumLevel(LogLevel.Trace); // the filter decides; a minimum would be fixed at creation
        builder.AddFilter((_, category, level) => IsEnabled(category, level));
        return builder;
    }

    private sealed class State(MonerodLogRules rules)
    {
        public MonerodLogRules Rules { get; } = rules;

        public ConcurrentDictionary<string, LogLevel> Minimums { get; } = new(StringComparer.Ordinal);
    }
}
