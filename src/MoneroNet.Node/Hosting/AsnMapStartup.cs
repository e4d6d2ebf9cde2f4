using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MoneroNet.P2P.NetworkFacts;

namespace MoneroNet.Node.Hosting;

/// <summary>
/// Loads --asn-map for the host: at start a file that cannot be read, is over a limit or has no valid line stops
/// the node with one reason; bad lines only earn one warning with their counts by kind. SIGHUP reloads it into the
/// running <see cref="PeerNetworkFacts"/>, keeping the old map when the new file fails.
/// </summary>
internal static partial class AsnMapStartup
{
    /// <summary>The facts source for the node: with the loaded map, or without one when --asn-map is not given.</summary>
    public static PeerNetworkFacts? Load(string? path, ILogger log, out string? error)
    {
        error = null;
        if (path is null)
        {
            return new PeerNetworkFacts();
        }
        var map = TryLoad(path, log, out error);
        return map is null ? null : new PeerNetworkFacts(map);
    }

    /// <summary>Reads the file again and swaps the new map in; a failure is logged and the old map stays.</summary>
    public static void Reload(string path, PeerNetworkFacts facts, ILogger log)
    {
        if (TryLoad(path, log, out var error) is { } map)
        {
            facts.ReplaceAsnMap(map);
        }
        else
        {
            ReloadFailed(log, error!);
        }
    }

    private static AsnMap? TryLoad(string path, ILogger log, out string? error)
    {
        var clock = Stopwatch.StartNew();
        AsnMap map;
        try
        {
            map = AsnMap.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // InvalidDataException is an IOException: over a limit, or a broken or truncated gzip file.
            error = ex is InvalidDataException ? $"--asn-map {path}: {ex.Message}" : $"cannot read --asn-map {path}: {ex.Message}";
            return null;
        }
        var report = map.Report;
        if (report.ValidLines == 0)
        {
            error = $"--asn-map {path} has no valid line"
                + (report.BadLines > 0 ? $" ({report.BadLines} bad: {report.DescribeBadLines()})" : "");
            return null;
        }
        error = null;
        if (report.BadLines > 0)
        {
            BadLinesSkipped(log, path, report.BadLines, report.DescribeBadLines());
        }
        Loaded(log, path, map.IPv4Ranges, map.IPv6Ranges, map.AsnEntries, report.NotRouted, clock.ElapsedMilliseconds);
        return map;
    }

    [LoggerMessage(4020, LogLevel.Information,
        "--asn-map {Path}: {IPv4Ranges} IPv4 and {IPv6Ranges} IPv6 ranges, {AsnEntries} AS entries, {NotRouted} not-routed rows dropped, loaded in {Milliseconds} ms")]
    private static partial void Loaded(ILogger logger, string path, int ipv4Ranges, int ipv6Ranges, int asnEntries, int notRouted, long milliseconds);

    [LoggerMessage(4021, LogLevel.Warning, "--asn-map {Path}: {Count} bad lines skipped: {Kinds}")]
    private static partial void BadLinesSkipped(ILogger logger, string path, int count, string kinds);

    [LoggerMessage(4022, LogLevel.Warning, "SIGHUP: ASN map not reloaded, the previous one stays: {Reason}")]
    private static partial void ReloadFailed(ILogger logger, string reason);
}
