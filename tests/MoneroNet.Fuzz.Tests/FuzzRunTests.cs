using System.Diagnostics;
using System.Text;

namespace MoneroNet.Fuzz.Tests;

/// <summary>
/// Runs every fuzz target under afl-fuzz for a short time (<c>fuzz/run TARGET SECONDS</c>; 20 s each, or
/// <c>MONERONET_FUZZ_SECONDS</c>) and fails on any crash afl finds, so ./run-tests' closing line counts a crash as a
/// failure. The fixture builds and instruments once; a crashing input is printed with its exception in the message.
/// </summary>
public sealed class FuzzRunTests(FuzzBuild build) : IClassFixture<FuzzBuild>
{
    /// <summary>Every target of fuzz/MoneroNet.Fuzz; <see cref="The_theory_covers_every_target"/> keeps it complete.</summary>
    private static readonly string[] TargetNames =
        ["epee", "levin", "wire", "json-rpc", "digest", "config-file", "ban-list", "peer-list", "asn-map"];

    public static TheoryData<string> Targets => new(TargetNames);

    [Fact]
    public async Task The_theory_covers_every_target()
    {
        var (exit, output) = await build.RunAsync("list");

        Assert.True(exit == 0, output);
        var listed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("fuzz:", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(TargetNames.Order(StringComparer.Ordinal), listed);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Afl_finds_no_crash_in_a_short_run(string target)
    {
        var (exit, output) = await build.RunAsync(target, FuzzBuild.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(exit == 0, $"fuzz/run {target} {FuzzBuild.Seconds} exited with {exit}:\n{output}");
        Assert.Contains($"fuzz: {target}: ", output, StringComparison.Ordinal);
        Assert.Contains(", crashes 0,", output, StringComparison.Ordinal);
    }
}

/// <summary>Builds fuzz/MoneroNet.Fuzz and instruments it once (<c>fuzz/run prepare</c>); runs fuzz/run after that.</summary>
public sealed class FuzzBuild : IAsyncLifetime
{
    public static int Seconds { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("MONERONET_FUZZ_SECONDS"), out var s) && s > 0 ? s : 20;

    /// <summary>Bound on one fuzz/run: a build on a busy machine, afl's start-up and the run itself fit well inside.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(Seconds);

    private readonly string _root = RepositoryRoot();
    private string _prepareOutput = "";
    private int _prepareExit = -1;

    public async Task InitializeAsync() => (_prepareExit, _prepareOutput) = await RunScriptAsync(noBuild: false, "prepare");

    public Task DisposeAsync() => Task.CompletedTask;

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        Assert.True(_prepareExit == 0, $"fuzz/run prepare exited with {_prepareExit}:\n{_prepareOutput}");
        return await RunScriptAsync(noBuild: true, arguments);
    }

    private async Task<(int ExitCode, string Output)> RunScriptAsync(bool noBuild, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, "fuzz", "run"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (noBuild)
        {
            start.Environment["FUZZ_NO_BUILD"] = "1";
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var lines = new object();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fuzz/run {string.Join(' ', arguments)} did not finish within {Timeout}:\n{output}");
        }

        lock (lines)
        {
            return (process.ExitCode, output.ToString());
        }

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoneroNet.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no MoneroNet.slnx above {AppContext.BaseDirectory}");
    }
}
