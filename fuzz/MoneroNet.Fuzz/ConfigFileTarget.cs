using MoneroNet.Node.CommandLine;

namespace MoneroNet.Fuzz;

/// <summary>
/// The config file reader (src/MoneroNet.Node/CommandLine/ConfigFileReader) and what the command line makes of its
/// entries: the input is written as the file named by <c>--config-file</c> and the whole command line is parsed, as
/// <c>moneronet --config-file FILE</c> would. Rejection is a result carrying an error; nothing is documented to throw.
/// </summary>
internal static class ConfigFileTarget
{
    public static void Run(byte[] data)
    {
        var path = ScratchFile.Write("bitmonero.conf", data);
        var directory = Path.GetDirectoryName(path)!;
        var result = NodeCommandLine.Parse(["--config-file", path], homeDirectory: directory, currentDirectory: directory);
        if (result.Action == CommandLineAction.Run && result.Options is null)
        {
            throw new FuzzFindingException($"a run result without options (error: {result.Error})");
        }
    }
}
