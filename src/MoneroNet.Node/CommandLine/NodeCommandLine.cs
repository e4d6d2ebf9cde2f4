using System.CommandLine;
using System.CommandLine.Parsing;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// Parses monerod-compatible flags into <see cref="NodeOptions"/>. Syntax errors are checked first, then --help,
/// then --version, then the config file (whose settings apply where the command line gives none), then the semantic
/// checks (network conflict, external RPC bind, peers...), which is monerod's order: "monerod --testnet --stagenet
/// --version" prints the version.
/// </summary>
public static class NodeCommandLine
{
    /// <summary>The one-line --version output.</summary>
    public static string VersionLine => ProductInfo.VersionLine;

    /// <summary>The one-line --os-version output, as monerod's "OS: ..." line.</summary>
    public static string OsVersionLine => "OS: " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;

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
        if (parsed.GetValue(flags.OsVersion))
            return new CommandLineResult(CommandLineAction.ShowOsVersion, null, null);

        var home = homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cwd = currentDirectory ?? Environment.CurrentDirectory;

        var configFile = ConfigFilePath(parsed, flags, home, cwd);
        if (configFile.Explicit && !File.Exists(configFile.Path))
            return CommandLineResult.Failed(CommandLineMessages.ConfigFileMissing(configFile.Path));
        string? configFileRead = null;
        if (File.Exists(configFile.Path))
        {
            var (entries, readError) = ReadConfigFile(configFile.Path);
            if (readError is not null)
                return CommandLineResult.Failed(ConfigFileArguments.ErrorPrefix + readError);
            var (fileTokens, fileError) = ConfigFileArguments.From(entries, flags, parsed);
            if (fileError is not null)
                return CommandLineResult.Failed(fileError);
            parsed = flags.CreateRootCommand().Parse([.. args, .. fileTokens], configuration);
            if (FirstSyntaxError(parsed, flags) is { } mergedError)
                return CommandLineResult.Failed(mergedError);
            configFileRead = configFile.Path;
        }

        var result = new NodeOptionsResolver(parsed, flags, home, cwd).Resolve();
        return result.Options is null ? result : result with { Options = result.Options with { ConfigFile = configFileRead } };
    }

    /// <summary>
    /// --config-file, or monerod's default: bitmonero.conf in the default data directory (~/.bitmonero, plus
    /// "testnet"/"stagenet" when that flag is on the command line) — not in --data-dir, exactly as monerod 0.18.
    /// </summary>
    private static (string Path, bool Explicit) ConfigFilePath(ParseResult parsed, NodeFlags flags, string home, string cwd)
    {
        if (parsed.GetValue(flags.ConfigFile) is { } given)
            return (Path.GetFullPath(given, cwd), true);
        var directory = Path.Combine(home, ".bitmonero");
        if (parsed.GetValue(flags.Testnet))
            directory = Path.Combine(directory, "testnet");
        else if (parsed.GetValue(flags.Stagenet))
            directory = Path.Combine(directory, "stagenet");
        return (Path.Combine(directory, "bitmonero.conf"), false);
    }

    private static (IReadOnlyList<ConfigFileEntry> Entries, string? Error) ReadConfigFile(string path)
    {
        try
        {
            return ConfigFileReader.Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ([], ex.Message);
        }
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
    internal static string? FirstSyntaxError(ParseResult parsed, NodeFlags flags)
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
            {
                return CommandLineMessages.MissingValue(option.Name);
            }
        }

        if (parsed.UnmatchedTokens.Count > 0)
        {
            var token = parsed.UnmatchedTokens[0];
            return token.StartsWith('-') && token.Length > 1 && !char.IsAsciiDigit(token[1])
                ? CommandLineMessages.UnknownOption(token)
                : CommandLineMessages.UnexpectedArgument(token);
        }

        // Our value parsers word their own errors; anything else from System.CommandLine is passed on as one line.
        return parsed.Errors.Count == 0 ? null : CommandLineMessages.Other(parsed.Errors[0].Message);
    }
}
