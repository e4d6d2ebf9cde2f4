namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// `soak`: starts the node (testnet on 127.0.0.1, one connection per IP, a generated --ban-list and --asn-map), soaks
/// it (<see cref="SoakRun"/>), stops it with SIGTERM and writes samples.csv and summary.md. Exit code 0 when the run
/// was flat after warm-up with no anomaly, 1 otherwise.
/// </summary>
public static class SoakCommand
{
    public static async Task<int> RunAsync(SoakOptions options, TextWriter output, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Say(string line) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,7:0.0}s] {line}");
        string outDir = Path.GetFullPath(options.OutDir ?? Path.Combine(RepositoryRoot(), ".build", "soak",
            DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(outDir);
        string banList = Path.Combine(outDir, "ban-list.txt"), asnMap = Path.Combine(outDir, "asn-map.tsv");
        SoakFiles.WriteInitial(banList, asnMap, options.AsnRows);
        FileLimit.Ensure((ulong)(options.Peers + options.MisbehaversInFlight) * 2 + 1024);

        string nodeDll = new LoadTestOptions { NodeDll = options.NodeDll }.ResolveNodeDll();
        await using var node = NodeProcess.Start(nodeDll, maxConnectionsPerIp: 1,
            ["--log-level", options.LogLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ban-list", banList, "--asn-map", asnMap]);
        Say($"node pid {node.ProcessId}: {node.CommandLine}");
        Say($"node output: {node.LogPath}; results in {outDir}");
        var target = new SoakTarget(node.ProcessId, node.P2P, node.Rpc, banList, asnMap, node.SendSigHup, () => node.HasExited);
        var report = await new SoakRun(options, target, Say).RunAsync(ct).ConfigureAwait(false);
        if (await node.StopAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false) is { } stopped)
            Say($"node stopped on SIGTERM in {stopped.TotalSeconds:0.00} s");

        string csv = Path.Combine(outDir, "samples.csv"), summary = Path.Combine(outDir, "summary.md");
        report.WriteCsv(csv);
        string text = report.Summary();
        await File.WriteAllTextAsync(summary, text, ct).ConfigureAwait(false);
        output.WriteLine();
        output.Write(text);
        output.WriteLine();
        Say($"wrote {csv} and {summary}");
        return report.Passed ? 0 : 1;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MoneroNet.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
