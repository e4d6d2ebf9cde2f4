using System.CommandLine;
using System.CommandLine.Parsing;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// Parses monerod-compatible flags into <see cref="NodeOptions"/>. Syntax errors are checked first, then --help,
/// then --version, then the semantic checks (network conflict, external RPC bind, peers...), which is monerod's
/// order: "monerod --testnet --stagenet --version" prints the version.
/// </summary>
public static class NodeCommandLine
{
    /// <summary>The one-line --version output.</summary>
    public static string VersionLine => ProductInfo.VersionLine;

    /// <summary>The --help output (ends with a newline).</summary>
    public static string HelpText => CommandLine.HelpText.Render(new NodeFlags());

    /// <summary>
    /// Parses <paramref name="args"/> (both "--flag value" and "--flag=value").
    /// </summary>
    /// <param name="homeDirectory">Where the default data directory (~/.bitmonero) lives; the user's profile when null.</param>
    /// <param name="currentDirectory">Base of relative paths; the process's current directory when null.</param>
    public static CommandLineResult Parse(IReadOnlyList<string> args, string? homeDirectory = null, string? currentDirectory = null)
    {
        var flags = new NodeFlags();
        if (FindValueGivenToSwitch(args, flags) is { } switchError)
            return CommandLineResult.Failed(switchError);

        var configuration = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var parsed = flags.CreateRootCommand().Parse(args.ToArray(), configuration);
        if (FirstSyntaxError(parsed, flags) is { } syntaxError)
            return CommandLineResult.Failed(syntaxError);

        if (parsed.GetValue(flags.Help))
            return new CommandLineResult(CommandLineAction.ShowHelp, null, null);
        if (parsed.GetValue(flags.Version))
            return new CommandLineResult(CommandLineAction.ShowVersion, null, null);

        var home = homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cwd = currentDirectory ?? Environment.CurrentDirectory;
        return new NodeOptionsResolver(parsed, flags, home, cwd).Resolve();
    }

    /// <summary>
    /// "--testnet=1": System.CommandLine would split it into the switch and a stray "1"; monerod rejects it as
    /// a value given to a switch, and so do we, by name.
    /// </summary>
    private static string? FindValueGivenToSwitch(IReadOnlyList<string> args, NodeFlags flags)
    {
        foreach (var arg in args)
        {
            if (arg == "--")
                break;
            var equals = arg.IndexOf('=');
            if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 0)
                continue;
            var name = arg[..equals];
            if (flags.All.Any(o => o.Name == name && o.Arity.MaximumNumberOfValues == 0))
                return CommandLineMessages.TakesNoValue(name);
        }
        return null;
    }

    /// <summary>
    /// System.CommandLine gives an option that needs a value the next token even when that is a flag
    /// ("--data-dir --testnet"); monerod (boost) reads such a token as a flag, so the value is missing. Negative
    /// numbers ("--in-peers -1") remain values.
    /// </summary>
    private static bool LooksLikeFlag(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) || (token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]));

    /// <summary>The first problem System.CommandLine found, reworded as monerod words it.</summary>
    private static string? FirstSyntaxError(ParseResult parsed, NodeFlags flags)
    {
        foreach (var option in flags.All)
        {
            if (parsed.GetResult(option) is not OptionResult result || result.Implicit)
                continue;
            var repeatable = option.Arity.MaximumNumberOfValues > 1;
            if (!repeatable && result.IdentifierTokenCount > 1)
                return CommandLineMessages.Repeated(option.Name);
            if (option.Arity.MinimumNumberOfValues > 0
                && (result.Tokens.Count < result.IdentifierTokenCount || result.Tokens.Any(t => LooksLikeFlag(t.Value))))
                return CommandLineMessages.MissingValue(option.Name);
        }

        if (parsed.UnmatchedTokens.Count > 0)
        {
            var token = parsed.UnmatchedTokens[0];
            return token.StartsWith('-') && token.Length > 1 && !char.IsAsciiDigit(token[1])
                ? CommandLineMessages.UnknownOption(token)
                : CommandLineMessages.UnexpectedArgument(token);
        }

        // Our value parsers word their own errors; anything else from System.CommandLine is passed on as one line.
        var error = parsed.Errors.FirstOrDefault();
        return error is null ? null : CommandLineMessages.Other(error.Message);
    }
}
