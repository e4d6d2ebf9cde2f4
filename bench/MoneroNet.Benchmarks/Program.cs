using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using MoneroNet.Benchmarks.Metrics;

// `scrape-cost [rounds]`: /metrics against get_info at 10,000 peers, interleaved (Metrics/ScrapeCostRun.cs).
if (args.Length > 0 && args[0] == "scrape-cost")
{
    await ScrapeCostRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return;
}

// A job named on the command line (`--job short`, `--job medium`, `--job dry` …) replaces the default; without one,
// every benchmark runs as BenchmarkDotNet's ShortRun (1 launch, 3 warm-ups, 3 iterations) so that a full
// `--filter '*'` stays within minutes on a 2-core machine. Jobs are not set by attribute because BenchmarkDotNet adds
// command-line jobs to attribute jobs instead of replacing them, which would run everything twice.
bool jobGiven = args.Any(static a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
IConfig config = jobGiven ? DefaultConfig.Instance : DefaultConfig.Instance.AddJob(Job.ShortRun);

// Reports go to bench/MoneroNet.Benchmarks/BenchmarkDotNet.Artifacts (git-ignored) unless --artifacts says otherwise,
// so a run from the repository root does not leave a folder there.
bool artifactsGiven = args.Any(static a => a == "--artifacts" || a.StartsWith("--artifacts=", StringComparison.Ordinal));
string? projectDirectory = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .FirstOrDefault(static m => m.Key == "ProjectDirectory")?.Value;
if (!artifactsGiven && projectDirectory is not null)
    config = config.WithArtifactsPath(Path.Combine(projectDirectory, "BenchmarkDotNet.Artifacts"));

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
