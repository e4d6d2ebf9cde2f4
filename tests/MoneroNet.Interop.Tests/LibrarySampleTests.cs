using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MoneroNet.Interop.Tests.Fixtures;
using Xunit.Abstractions;

namespace MoneroNet.Interop.Tests;

/// <summary>
/// The library packages as a user gets them (docs/LIBRARY.md): <c>./pack</c> writes the four .nupkg files, the two
/// samples build from them through samples/nuget.config's folder feed (no project references), and both run against
/// a real monerod on loopback: the probe handshakes and pings it three times, the listener is dialled by it.
/// </summary>
[Collection(MonerodFixtureCollection.Name)]
public sealed partial class LibrarySampleTests(SampleBuild build, ITestOutputHelper log) : IClassFixture<SampleBuild>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void Pack_writes_the_four_packages_with_readme_and_xml_docs()
    {
        build.RequireBuilt();
        foreach (var id in SampleBuild.PackageIds)
        {
            string file = Path.Combine(build.FeedDirectory, $"{id}.{build.Version}.nupkg");
            Assert.True(File.Exists(file), $"{file} missing after ./pack");
            using var zip = System.IO.Compression.ZipFile.OpenRead(file);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", names);
            Assert.Contains($"lib/net10.0/{id}.dll", names);
            Assert.Contains($"lib/net10.0/{id}.xml", names);
        }
        // A user who runs `dotnet run --project samples/Probe` gets the samples' default version: the packed one.
        Assert.Equal(build.Version, build.SamplesDefaultVersion);
    }

    [Fact]
    public async Task Probe_handshakes_pings_three_times_and_finds_monerod_consistent()
    {
        build.RequireBuilt();
        await using var monerod = await MonerodProcess.StartAsync(new MonerodOptions { Name = "monerod-probe" });
        var info = await monerod.Rpc.GetInfoAsync();

        await using var probe = ChildProcess.Start("probe", MoneroNetProcess.DotnetHost(),
            [build.ProbeDll, monerod.P2PEndPoint.ToString(), "--testnet"], build.WorkDirectory);
        bool exited = await probe.WaitForExitAsync(RunTimeout);
        string output = probe.Log.ProcessOutput();
        log.WriteLine(output);

        Assert.True(exited, $"the probe did not finish within {RunTimeout.TotalMinutes} min:\n{output}");
        Assert.True(probe.ExitCode == 0, $"the probe exited with {probe.ExitCode}:\n{output}\n--- monerod:\n{monerod.Log.Tail()}");
        Assert.Contains("handshake: ok", output);
        string peerId = Field(output, "peer_id");
        Assert.Matches("^[0-9a-f]{16}$", peerId);
        Assert.NotEqual("0000000000000000", peerId);
        Assert.Equal(info.Height.ToString(CultureInfo.InvariantCulture), Field(output, "height"));
        Assert.Equal(info.TopBlockHash, Field(output, "top_id"));
        Assert.Matches("^0x[0-9a-f]+$", Field(output, "support_flags"));
        Assert.Equal(monerod.P2PPort.ToString(CultureInfo.InvariantCulture), Field(output, "my_port"));
        Assert.Matches(@"^\d+$", Field(output, "rpc_port"));
        Assert.Matches(@"^\d+ entries$", Field(output, "peer_list"));

        var pings = PingLine().Matches(output);
        Assert.Equal(3, pings.Count);
        foreach (Match ping in pings)
        {
            Assert.True(double.Parse(ping.Groups["ms"].Value, CultureInfo.InvariantCulture) > 0, ping.Value);
            Assert.Equal("OK", ping.Groups["status"].Value);
            Assert.Equal(peerId, ping.Groups["id"].Value);
        }
        Assert.Equal("consistent", Field(output, "proxy_check"));
    }

    [Fact]
    public async Task Listener_prints_the_handshake_of_a_monerod_that_dials_it()
    {
        build.RequireBuilt();
        using var port = PortAllocator.Lease();
        await using var listener = ChildProcess.Start("listener", MoneroNetProcess.DotnetHost(),
            [build.ListenerDll, "--port", port.Port.ToString(CultureInfo.InvariantCulture), "--testnet", "--count", "1"],
            build.WorkDirectory);
        await Eventually.MatchAsync(_ => Task.FromResult(listener.Log.Contains("listening on ") || listener.HasExited),
            ready => ready, RunTimeout, "the listener is listening", CancellationToken.None);
        Assert.False(listener.HasExited, $"the listener exited early:\n{listener.Log.ProcessOutput()}");

        await using var monerod = await MonerodProcess.StartAsync(new MonerodOptions
        {
            Name = "monerod-dials-listener",
            ExclusiveNodes = [new IPEndPoint(IPAddress.Loopback, port.Port)],
        });
        var info = await monerod.Rpc.GetInfoAsync();
        bool exited = await listener.WaitForExitAsync(RunTimeout);
        string output = listener.Log.ProcessOutput();
        log.WriteLine(output);

        Assert.True(exited, $"no handshake printed within {RunTimeout.TotalMinutes} min:\n{output}\n--- monerod:\n{monerod.Log.Tail()}");
        Assert.Equal(0, listener.ExitCode);
        var line = HandshakeLine().Match(output);
        Assert.True(line.Success, output);
        Assert.Equal("127.0.0.1", line.Groups["ip"].Value);
        Assert.NotEqual("0000000000000000", line.Groups["id"].Value);
        Assert.Equal(info.Height.ToString(CultureInfo.InvariantCulture), line.Groups["height"].Value);
        Assert.Equal(info.TopBlockHash, line.Groups["top"].Value);
        Assert.Equal(monerod.P2PPort.ToString(CultureInfo.InvariantCulture), line.Groups["myport"].Value);
        Assert.Contains("stopping after 1 handshake(s)", output);
    }

    /// <summary>The value of the probe's <c>name: value</c> line.</summary>
    private static string Field(string output, string name)
    {
        var match = Regex.Match(output, $"^{Regex.Escape(name)}: (.*)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no '{name}:' line in the probe's output:\n{output}");
        return match.Groups[1].Value.Trim();
    }

    [GeneratedRegex(@"^ping \d: (?<ms>[0-9.]+) ms, status (?<status>\S+), peer_id (?<id>[0-9a-f]{16}) \(same as handshake\)$",
        RegexOptions.Multiline)]
    private static partial Regex PingLine();

    [GeneratedRegex(@"^handshake: in (?<ip>[0-9.]+):\d+ peer_id (?<id>[0-9a-f]{16}) height (?<height>\d+) " +
        @"top_id (?<top>[0-9a-f]{64}) support_flags 0x[0-9a-f]+ rpc_port \d+ my_port (?<myport>\d+) ", RegexOptions.Multiline)]
    private static partial Regex HandshakeLine();
}

/// <summary>
/// Packs the library (<c>./pack</c> into the repository's .build/packages, the samples' folder feed) and builds both
/// samples from it once for <see cref="LibrarySampleTests"/>, each restore into a fresh packages folder so a re-pack of
/// the same version is what the samples get. A failing pack or build fails every test with that step's output.
/// </summary>
public sealed class SampleBuild : IAsyncLifetime
{
    public static readonly string[] PackageIds = ["MoneroNet.Epee", "MoneroNet.Levin", "MoneroNet.Wire", "MoneroNet.P2P"];

    // A Release build of four projects and two restores on a busy 2-core machine.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    private readonly string _root = RepositoryRoot();
    private string? _failure;

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("moneronet-samples-").FullName;
    public string FeedDirectory => Path.Combine(_root, ".build", "packages");
    public string Version { get; private set; } = "";
    public string SamplesDefaultVersion { get; private set; } = "";
    public string ProbeDll => Path.Combine(WorkDirectory, "Probe", "Probe.dll");
    public string ListenerDll => Path.Combine(WorkDirectory, "Listener", "Listener.dll");

    public async Task InitializeAsync()
    {
        var props = File.ReadAllText(Path.Combine(_root, "Directory.Build.props"));
        Version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        var samplesProps = File.ReadAllText(Path.Combine(_root, "samples", "Directory.Build.props"));
        SamplesDefaultVersion = Regex.Match(samplesProps, "<MoneroNetPackageVersion[^>]*>([^<]+)<").Groups[1].Value;
        _failure = await RunAsync("./pack", [Path.Combine(_root, "pack"), FeedDirectory])
            ?? await BuildSampleAsync("Probe")
            ?? await BuildSampleAsync("Listener");
    }

    /// <summary>Fails the calling test with the failed step's output when packing or building did not succeed.</summary>
    public void RequireBuilt() => Assert.True(_failure is null, _failure);

    // The version is passed explicitly so that the build uses what was just packed even while the samples' default
    // lags behind (which Pack_writes_the_four_packages_with_readme_and_xml_docs then reports).
    private Task<string?> BuildSampleAsync(string sample) => RunAsync($"dotnet build samples/{sample}",
        [MoneroNetProcess.DotnetHost(), "build", Path.Combine(_root, "samples", sample, $"{sample}.csproj"), "-c", "Release", "-nologo",
         "--disable-build-servers", $"-p:MoneroNetPackageVersion={Version}",
         $"-p:RestorePackagesPath={Path.Combine(WorkDirectory, "packages")}", "-o", Path.Combine(WorkDirectory, sample)]);

    /// <returns>null on success, otherwise what failed and the step's output.</returns>
    private async Task<string?> RunAsync(string step, string[] command)
    {
        await using var child = ChildProcess.Start(step, command[0], command[1..], _root);
        if (!await child.WaitForExitAsync(StepTimeout))
            return $"{step} did not finish within {StepTimeout.TotalMinutes} min:\n{child.Log.Tail(200)}";
        return child.ExitCode == 0 ? null : $"{step} failed with exit code {child.ExitCode}:\n{child.Log.Tail(200)}";
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(WorkDirectory, recursive: true); }
        catch (IOException) { }
        return Task.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoneroNet.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no MoneroNet.slnx above {AppContext.BaseDirectory}");
    }
}
