using System.Globalization;
using System.Net;

namespace MoneroNet.P2P.Bans;

/// <summary>One line of a --ban-list file that could not be used, with its 1-based line number.</summary>
internal sealed record BanListFileError(int Line, string Text, string Reason);

/// <summary>The hosts and subnets of a --ban-list file, and the lines that were skipped.</summary>
internal sealed record BanListFileContent(IReadOnlyList<IPAddress> Hosts, IReadOnlyList<IPNetwork> Subnets,
    IReadOnlyList<BanListFileError> Errors);

/// <summary>
/// monerod's --ban-list format: one IPv4 address, IPv6 address or CIDR subnet a line; <c>#</c> starts a comment
/// (whole line or after an entry); blank lines are ignored. A line that does not parse is reported and skipped, so one
/// typo never unbans the rest. Sizes are bounded: a line longer than 256 characters is an error, not a parse attempt.
/// </summary>
internal static class BanListFile
{
    private const int MaxLineLength = 256;

    public static BanListFileContent Parse(string text)
    {
        var hosts = new List<IPAddress>();
        var subnets = new List<IPNetwork>();
        var errors = new List<BanListFileError>();
        int number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            string line = raw;
            int hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line.Length > MaxLineLength)
            {
                errors.Add(new BanListFileError(number, line[..32] + "…", "line too long"));
                continue;
            }
            int slash = line.IndexOf('/');
            if (slash < 0)
            {
                if (IPAddress.TryParse(line, out var ip) && IsPlainAddress(line)) hosts.Add(BanList.Normalize(ip));
                else errors.Add(new BanListFileError(number, line, "not an IP address"));
                continue;
            }
            if (IPAddress.TryParse(line.AsSpan(0, slash), out var baseIp) && IsPlainAddress(line[..slash])
                && int.TryParse(line.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix)
                && prefix >= 0 && prefix <= (baseIp.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
            {
                subnets.Add(new IPNetwork(BanList.MaskHostBits(baseIp, prefix), prefix));
            }
            else
            {
                errors.Add(new BanListFileError(number, line, "not a CIDR subnet"));
            }
        }
        return new BanListFileContent(hosts, subnets, errors);
    }

    /// <summary>IPAddress.TryParse also takes "1", "1.2" and scoped or bracketed forms; a ban list wants plain IPs.</summary>
    private static bool IsPlainAddress(string text) =>
        text.Contains(':') ? !text.Contains('%') && !text.Contains('[') : text.Count(c => c == '.') == 3;
}
