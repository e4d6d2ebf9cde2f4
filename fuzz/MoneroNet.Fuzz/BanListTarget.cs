using System.Text;
using MoneroNet.P2P.Bans;

namespace MoneroNet.Fuzz;

/// <summary>
/// The --ban-list file reader (src/MoneroNet.P2P/Bans/BanListFile): the input, read as UTF-8, is the file's text.
/// A line that does not parse is reported, never thrown. The result is loaded into a ban list as the node loads it;
/// also checked: every host the file names is banned afterwards, and looking up a subnet's base address works.
/// </summary>
internal static class BanListTarget
{
    public static void Run(byte[] data)
    {
        var content = BanListFile.Parse(Encoding.UTF8.GetString(data));
        var bans = new BanList(TimeProvider.System);
        bans.ReplaceFileBans("fuzz.txt", content.Hosts.ToList(), content.Subnets.ToList());
        foreach (var host in content.Hosts)
        {
            if (!bans.IsBanned(host, out _))
            {
                throw new FuzzFindingException($"host {host} from the file is not banned");
            }
        }

        foreach (var subnet in content.Subnets)
        {
            _ = bans.IsBanned(subnet.BaseAddress, out _);
        }

        _ = bans.Snapshot();
    }
}
