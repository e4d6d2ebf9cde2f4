namespace MoneroNet.Fuzz;

/// <summary>
/// The files the file-reading targets write each input to. They live in <c>$MONERONET_FUZZ_SCRATCH</c> when set
/// (<c>fuzz/run</c> sets it to a directory in /dev/shm and removes it afterwards: afl-fuzz ends the fork server with
/// SIGKILL, so the process cannot clean up itself), otherwise in a directory of this process's own, removed at exit.
/// </summary>
internal static class ScratchFile
{
    public const string EnvironmentVariable = "MONERONET_FUZZ_SCRATCH";

    private static readonly Lazy<string> Directory = new(Create);

    public static string PathFor(string name) => Path.Combine(Directory.Value, name);

    /// <summary>Writes <paramref name="content"/> to the scratch file <paramref name="name"/> and returns its path.</summary>
    public static string Write(string name, byte[] content)
    {
        var path = PathFor(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string Create()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(given))
        {
            System.IO.Directory.CreateDirectory(given);
            return given;
        }

        var root = System.IO.Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var directory = Path.Combine(root, $"moneronet-fuzz-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(directory);
        return directory;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
