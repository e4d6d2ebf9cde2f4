using SharpFuzz;

namespace MoneroNet.Fuzz;

/// <summary>
/// Entry point of the fuzz targets.
/// <list type="bullet">
/// <item><c>MoneroNet.Fuzz TARGET</c>: the SharpFuzz fork server for afl-fuzz (input on standard input; run once
///   on standard input when not started by afl-fuzz);</item>
/// <item><c>MoneroNet.Fuzz TARGET FILE...</c>: runs the target on each file and prints the exception of every file
///   that fails it (how <c>fuzz/run</c> reports a crash); exit code 1 when any did;</item>
/// <item><c>MoneroNet.Fuzz --list</c>: the target names, one a line.</item>
/// </list>
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--list")
        {
            foreach (var name in FuzzTargets.Names)
            {
                Console.WriteLine(name);
            }

            return 0;
        }

        if (args.Length == 0 || !FuzzTargets.TryGet(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: MoneroNet.Fuzz TARGET [FILE...] | --list; targets: {string.Join(", ", FuzzTargets.Names)}");
            return 2;
        }

        if (args.Length == 1)
        {
            Fuzzer.Run(stream => target(ReadAll(stream)));
            return 0;
        }

        var failed = 0;
        foreach (var file in args.Skip(1))
        {
            try
            {
                target(File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed++;
                Console.WriteLine($"{file}: {e}");
            }
        }

        return failed == 0 ? 0 : 1;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
