using System.CommandLine;
using System.CommandLine.Parsing;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// Turns config file entries into command-line tokens for the options the command line did not give, so the command
/// line always wins (boost keeps the first value stored, and monerod stores the command line first). Every setting can
/// be set in the file; the command-line options (--help, --version, --os-version, --config-file, --detach, --pidfile,
/// --non-interactive) cannot, as monerod's file accepts its settings only. A switch is
/// on for an empty value, 1, true, yes or on and off for 0, false, no or off, any case, as boost reads a bool.
/// </summary>
internal static class ConfigFileArguments
{
    public const string ErrorPrefix = "Error parsing config file: ";

    /// <returns>The tokens to append to the command line, or a one-line error.</returns>
    public static (IReadOnlyList<string> Tokens, string? Error) From(
        IReadOnlyList<ConfigFileEntry> entries, NodeFlags flags, ParseResult commandLine)
    {
        var notInFile = new HashSet<Option>(flags.CommandLineOnly);
        var tokens = new List<string>();
        foreach (var entry in entries)
        {
            var option = flags.All.FirstOrDefault(o => o.Name == "--" + entry.Name && !notInFile.Contains(o));
            if (option is null)
                return ([], $"{ErrorPrefix}unrecognised option '{entry.Name}'");

            if (option.Arity.MaximumNumberOfValues == 0)
            {
                var on = SwitchValue(entry.Value);
                if (on is null)
                    return ([], $"{ErrorPrefix}the argument ('{entry.Value}') for option '{entry.Name}' is invalid (line {entry.Line})");
                if (on.Value)
                    tokens.Add(option.Name);
            }
            else
            {
                tokens.Add($"{option.Name}={entry.Value}");
            }
        }

        // Check the file on its own first, so that its mistakes are reported as the file's.
        var fileOnly = flags.CreateRootCommand().Parse(tokens.ToArray(), new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (NodeCommandLine.FirstSyntaxError(fileOnly, flags) is { } error)
            return ([], ErrorPrefix + error.Replace(CommandLineMessages.ParseFailedPrefix, "", StringComparison.Ordinal));

        var kept = tokens.Where(token => !GivenOnCommandLine(token, commandLine, flags)).ToList();
        return (kept, null);
    }

    private static bool GivenOnCommandLine(string token, ParseResult commandLine, NodeFlags flags)
    {
        var name = token.Split('=', 2)[0];
        var option = flags.All.First(o => o.Name == name);
        return commandLine.GetResult(option) is OptionResult { Implicit: false };
    }

    private static bool? SwitchValue(string value) => value.ToLowerInvariant() switch
    {
        "" or "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => null,
    };
}
