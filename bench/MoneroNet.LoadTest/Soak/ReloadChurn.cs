using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MoneroNet.LoadTest.Soak;

/// <summary>
/// The files the node re-reads on SIGHUP: a --ban-list (subnets and hosts in 127.15–127.17, where no soak peer
/// lives, plus one marker host per version) and an --asn-map in iptoasn.com's TSV format (synthetic public ranges;
/// some versions broken on purpose, which the node must reject while keeping its previous map).
/// </summary>
public static class SoakFiles
{
    private static readonly string[] Countries = ["US", "DE", "NL", "FR", "JP", "BR", "SG", "CA"];

    /// <summary>The marker host of ban-list version <paramref name="version"/>: get_bans lists it once that version is loaded.</summary>
    public static string MarkerOf(int version) =>
        string.Create(CultureInfo.InvariantCulture, $"127.17.{version / 250 % 250}.{version % 250 + 1}");

    /// <summary>Writes version 0 of both files (the node needs them readable and valid to start).</summary>
    public static void WriteInitial(string banListPath, string asnMapPath, int asnRows)
    {
        WriteBanList(banListPath, 0);
        WriteAsnMap(asnMapPath, 0, asnRows, broken: false);
    }

    public static void WriteBanList(string path, int version)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# soak ban list, version {version}\n");
        text.Append(CultureInfo.InvariantCulture, $"127.15.{version % 250}.0/24\n");
        for (int i = 1; i <= version % 5 + 1; i++) text.Append(CultureInfo.InvariantCulture, $"127.16.{version * 7 % 250}.{i}\n");
        text.Append(MarkerOf(version)).Append("   # marker\n");
        WriteReplacing(path, text.ToString());
    }

    /// <summary>
    /// <paramref name="rows"/> /24 ranges from 1.0.0.0 upwards with AS numbers that change with the version; a broken
    /// version has no valid line at all.
    /// </summary>
    public static void WriteAsnMap(string path, int version, int rows, bool broken)
    {
        var text = new StringBuilder(rows * 48);
        if (broken)
        {
            for (int i = 0; i < Math.Min(rows, 100); i++) text.Append(CultureInfo.InvariantCulture, $"not\ta\tvalid\trow {i}\n");
        }
        else
        {
            for (int i = 0; i < rows; i++)
            {
                int a = 1 + i / 65536, b = i / 256 % 256, c = i % 256;
                uint asn = (uint)(1000 + (i / 16 + version) % 5000);
                text.Append(CultureInfo.InvariantCulture,
                    $"{a}.{b}.{c}.0\t{a}.{b}.{c}.255\t{asn}\t{Countries[asn % Countries.Length]}\tSOAK-AS{asn} v{version}\n");
            }
        }
        WriteReplacing(path, text.ToString());
    }

    /// <summary>Write beside, then rename over: the node never reads half a file.</summary>
    private static void WriteReplacing(string path, string content)
    {
        string temporary = path + ".new";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>
/// Every <see cref="SoakOptions.ReloadInterval"/>: the next version of the ban list and of the ASN map, then SIGHUP.
/// The reload counts as applied when get_bans lists the new version's marker host and no longer the previous one.
/// </summary>
public sealed class ReloadChurn(SoakTarget target, SoakOptions options, ConnectionsRpc rpc, SoakCounters counters)
{
    private int _version;

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.ReloadInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                int version = ++_version;
                SoakFiles.WriteBanList(target.BanListPath, version);
                bool broken = options.BrokenAsnMapEvery > 0 && version % options.BrokenAsnMapEvery == 0;
                SoakFiles.WriteAsnMap(target.AsnMapPath, version, options.AsnRows, broken);
                (broken ? counters.BrokenAsnMapsWritten : counters.AsnMapsWritten).Increment();
                target.SendSigHup();
                counters.Reloads.Increment();
                await WaitAppliedAsync(version, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WaitAppliedAsync(int version, CancellationToken ct)
    {
        string marker = SoakFiles.MarkerOf(version), previous = SoakFiles.MarkerOf(version - 1);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < options.ReactionTimeout)
        {
            try
            {
                var (result, _) = await rpc.CallAsync("get_bans", null, ct).ConfigureAwait(false);
                counters.GetBansCalls.Increment();
                var hosts = RpcPollers.BannedHosts(result);
                if (hosts.Contains(marker) && !hosts.Contains(previous))
                {
                    counters.ReloadsSeenApplied.Increment();
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                counters.Anomaly("rpc failed", $"get_bans: {e.Message}");
            }
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
        counters.Anomaly("reload not applied", $"ban list version {version} not in get_bans {options.ReactionTimeout.TotalSeconds:0} s after SIGHUP");
    }
}
