using System.Diagnostics;

namespace MoneroNet.Node.Tests;

/// <summary>
/// run-tests' closing line comes from tests/summarize-results.py reading one TRX file per test project. These tests
/// feed it result files as vstest writes them (a finished run, an aborted one whose host crashed, none at all) and
/// check that only a run where every project finished reads as green.
/// </summary>
public sealed class TestSummaryTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("moneronet-trx-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private static string Trx(string outcome, int passed, int failed, string? runError = null) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <ResultSummary outcome="{outcome}">
            <Counters total="{passed + failed}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0"
                      timeout="0" aborted="0" notExecuted="0" />
            {(runError is null ? "" : $"<RunInfos><RunInfo computerName=\"vm\" outcome=\"Error\" timestamp=\"2026-01-01T00:00:00\"><Text>{runError}</Text></RunInfo></RunInfos>")}
          </ResultSummary>
        </TestRun>
        """;

    private async Task<(int ExitCode, string Output)> Summarize(params string[] projects)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "tests", "summarize-results.py"));
        start.ArgumentList.Add(_results);
        foreach (var p in projects) start.ArgumentList.Add(p);
        using var process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoneroNet.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no MoneroNet.slnx above {AppContext.BaseDirectory}");
    }

    [Fact]
    public async Task Finished_runs_add_up_and_exit_0()
    {
        File.WriteAllText(Path.Combine(_results, "A.Tests.trx"), Trx("Completed", passed: 3, failed: 0));
        File.WriteAllText(Path.Combine(_results, "B.Tests.trx"), Trx("Completed", passed: 2, failed: 0));

        var (exit, output) = await Summarize("tests/A.Tests/A.Tests.csproj", "tests/B.Tests/B.Tests.csproj");

        Assert.Equal(0, exit);
        Assert.Equal("tests: 5 passed, 0 failed, 0 skipped", output.Trim());
    }

    [Fact]
    public async Task A_crashed_test_host_counts_as_a_failure_and_is_named()
    {
        File.WriteAllText(Path.Combine(_results, "A.Tests.trx"), Trx("Completed", passed: 3, failed: 0));
        File.WriteAllText(Path.Combine(_results, "B.Tests.trx"),
            Trx("Failed", passed: 1, failed: 0, runError: "The active test run was aborted. Reason: Test host process crashed"));

        var (exit, output) = await Summarize("A.Tests.csproj", "B.Tests.csproj");

        Assert.Equal(1, exit);
        Assert.Contains("B.Tests: test run did not finish cleanly: The active test run was aborted.", output);
        Assert.EndsWith("tests: 4 passed, 1 failed, 0 skipped", output.Trim());
    }

    [Fact]
    public async Task A_test_project_without_a_result_file_counts_as_a_failure()
    {
        File.WriteAllText(Path.Combine(_results, "A.Tests.trx"), Trx("Completed", passed: 3, failed: 0));

        var (exit, output) = await Summarize("A.Tests.csproj", "Missing.Tests.csproj");

        Assert.Equal(1, exit);
        Assert.Contains("Missing.Tests: no result file", output);
        Assert.EndsWith("tests: 3 passed, 1 failed, 0 skipped", output.Trim());
    }

    [Fact]
    public async Task An_aborted_outcome_counts_as_a_failure_even_with_every_counted_test_passed()
    {
        File.WriteAllText(Path.Combine(_results, "A.Tests.trx"), Trx("Aborted", passed: 7, failed: 0));

        var (exit, output) = await Summarize("A.Tests.csproj");

        Assert.Equal(1, exit);
        Assert.EndsWith("tests: 7 passed, 1 failed, 0 skipped", output.Trim());
    }

    [Fact]
    public async Task A_failed_test_counts_once_although_vstest_also_files_its_fail_line_as_a_run_error()
    {
        File.WriteAllText(Path.Combine(_results, "A.Tests.trx"),
            Trx("Failed", passed: 4, failed: 1, runError: "[xUnit.net 00:00:36.20]     A.Tests.Some.Test [FAIL]"));

        var (exit, output) = await Summarize("A.Tests.csproj");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("did not finish cleanly", output);
        Assert.Equal("tests: 4 passed, 1 failed, 0 skipped", output.Trim());
    }
}
