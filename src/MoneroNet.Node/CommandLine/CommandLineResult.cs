namespace MoneroNet.Node.CommandLine;

/// <summary>What the command line asks the process to do.</summary>
public enum CommandLineAction
{
    /// <summary>Run the node with <see cref="CommandLineResult.Options"/>.</summary>
    Run,
    /// <summary>--help: print <see cref="NodeCommandLine.HelpText"/> and exit 0.</summary>
    ShowHelp,
    /// <summary>--version: print <see cref="NodeCommandLine.VersionLine"/> and exit 0.</summary>
    ShowVersion,
    /// <summary>--os-version: print <see cref="NodeCommandLine.OsVersionLine"/> and exit 0.</summary>
    ShowOsVersion,
    /// <summary>Bad command line: print <see cref="CommandLineResult.Error"/> (one line) to stderr and exit 1.</summary>
    Fail,
}

/// <summary>The outcome of <see cref="NodeCommandLine.Parse"/>.</summary>
public sealed record CommandLineResult(CommandLineAction Action, NodeOptions? Options, string? Error)
{
    internal static CommandLineResult Failed(string error) => new(CommandLineAction.Fail, null, error);
}
