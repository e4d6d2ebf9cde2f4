using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// A job named on the command line (`--job short`, `--job medium`, `--job dry` …) replaces the default; without one,
// every benchmark runs as BenchmarkDotNet's ShortRun (1 launch, 3 warm-ups, 3 iterations) so that a full
// `--filter '*'` stays within minutes on a 2-core machine. Jobs are not set by attribute because BenchmarkDotNet adds
// command-line jobs to attribute jobs instead of replacing them, which would run everything twice.
bool jobGiven = args.Any(static a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
IConfig config = jobGiven ? DefaultConfig.Instance : DefaultConfig.Instance.AddJob(Job.ShortRun);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
