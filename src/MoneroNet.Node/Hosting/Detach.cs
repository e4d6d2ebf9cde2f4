using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// --detach and --pidfile, as monerod's posix daemonizer does them but the .NET way (a .NET process cannot fork): the
/// foreground process checks the PID file (refusing one whose PID is alive, as monerod), prints "Forking to
/// background...", starts itself again with the same arguments and <see cref="ChildVariable"/> set, and exits 0. The
/// child makes itself a session leader (setsid: no controlling terminal), points stdin, stdout and stderr at
/// /dev/null, writes its PID to the file and, beyond monerod, removes the file when it exits.
/// </summary>
internal static class Detach
{
    /// <summary>Set in the environment of the background process, so that it runs instead of forking again.</summary>
    public const string ChildVariable = "MONERONET_DETACHED";

    /// <summary>Whether this process is the background one.</summary>
    public static bool IsChild => Environment.GetEnvironmentVariable(ChildVariable) == "1";

    /// <summary>The foreground half: returns the exit code, having started the background process (or not, with an error).</summary>
    public static int StartBackground(IReadOnlyList<string> args, string? pidfile, TextWriter output, TextWriter error)
    {
        if (pidfile is not null && CheckPidfile(pidfile) is { } problem)
        {
            error.WriteLine(problem);
            return 1;
        }
        output.WriteLine("Forking to background...");
        var start = new ProcessStartInfo { UseShellExecute = false };
        // "dotnet moneronet.dll …" runs the host with the assembly as its first argument; the apphost runs alone.
        var processPath = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            start.FileName = processPath;
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "moneronet.dll"));
        }
        else
        {
            start.FileName = processPath;
        }
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[ChildVariable] = "1";
        try
        {
            using var child = Process.Start(start);
            return child is null ? Fail(error, "could not start the background process") : 0;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return Fail(error, ex.Message);
        }
    }

    /// <summary>
    /// The background half, first thing in the child: a new session, stdio on /dev/null, the PID file written.
    /// Returns an error text (the child cannot print it: it goes to the log) or null.
    /// </summary>
    public static string? BecomeDaemon(string? pidfile)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SetSid(); // fails only for a process group leader, which a freshly started child is not
            int devNull = Open("/dev/null", 2 /* O_RDWR */);
            if (devNull >= 0)
            {
                for (int fd = 0; fd <= 2; fd++) _ = Dup2(devNull, fd);
                if (devNull > 2) _ = Close(devNull);
            }
        }
        if (pidfile is null) return null;
        try
        {
            File.WriteAllText(pidfile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"Failed to open specified PID file for writing: {ex.Message}";
        }
    }

    /// <summary>Removes the PID file if it still holds this process's PID.</summary>
    public static void RemovePidfile(string? pidfile)
    {
        if (pidfile is null) return;
        try
        {
            if (File.Exists(pidfile) && ReadPid(pidfile) == Environment.ProcessId) File.Delete(pidfile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>monerod's check: a PID file naming a live process is refused; the file must be writable.</summary>
    private static string? CheckPidfile(string pidfile)
    {
        try
        {
            if (File.Exists(pidfile) && ReadPid(pidfile) is { } old && old > 1 && IsAlive(old))
                return $"PID file {pidfile} already exists and the PID therein is valid";
            using (new FileStream(pidfile, FileMode.Create, FileAccess.Write)) { }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "Failed to open specified PID file for writing";
        }
    }

    private static int? ReadPid(string pidfile) =>
        int.TryParse(File.ReadAllText(pidfile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"Failed to fork to background: {message}");
        return 1;
    }

    // DllImport as Hosting/OpenFileLimit.cs: LibraryImport would need unsafe code, which the build forbids.
    [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static extern int SetSid();

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static extern int Dup2(int oldFd, int newFd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
