using System.Net;
using System.Net.Sockets;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Bans;

/// <summary>
/// JSON-RPC <c>get_bans</c>: every ban in force as <c>{host, ip, seconds}</c> — host bans first, sorted by their host
/// text (byte order, as monerod's map of host strings), then IPv4 subnets sorted by their packed address and mask, with
/// <c>ip</c> 0. <c>ip</c> is the packed IPv4 address of a host ban (0 for IPv6); <c>seconds</c> what remains. Refused
/// in restricted mode. With <c>"extended": true</c> (MoneroNet only; monerod ignores the parameter) each entry adds
/// <c>source</c> ("rpc", "ban_list:&lt;file name&gt;", "auto:&lt;reason&gt;") and <c>created</c> (unix seconds, 0 when
/// unknown); without it the answer is monerod's, byte for byte. Any other value of <c>extended</c> is ignored.
/// </summary>
public sealed class GetBansMethod(INodeQuery node) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));

    public string Name => "get_bans";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var extended = parameters.Values["extended"] is RpcJsonBool { Value: true };
        var active = _node.GetBans().Where(b => b.SecondsRemaining > 0).ToList();
        var hosts = active
            .Where(b => b.Address is not null)
            .Select(b => (Host: b.Address!.ToString(), Ban: b))
            .OrderBy(h => h.Host, StringComparer.Ordinal);
        var subnets = active
            .Where(b => b.Address is null && b.Subnet is not null)
            .OrderBy(b => b.Subnet!.Value.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)
            .ThenBy(b => SubnetOrder(b.Subnet!.Value), StringComparer.Ordinal)
            .ThenBy(b => b.Subnet!.Value.PrefixLength);

        var bans = new RpcJsonArray();
        foreach (var (host, ban) in hosts)
        {
            var ip = ban.Address!.AddressFamily == AddressFamily.InterNetwork ? PackedIpv4.Pack(ban.Address) : 0;
            bans.Add(Entry(host, ip, ban, extended));
        }

        foreach (var ban in subnets)
        {
            bans.Add(Entry(BanHostParser.Format(ban.Subnet!.Value), 0, ban, extended));
        }

        // monerod leaves "bans" out when there are none; we print [] on purpose (see EpeeJsonWriter).
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(new RpcJsonObject().Set("bans", bans))));
    }

    /// <summary>
    /// IPv4 subnets in monerod's order, by packed address (a little-endian u32 of the network-order bytes, so the last
    /// byte weighs most); IPv6 subnets, which monerod cannot hold, by their bytes.
    /// </summary>
    private static string SubnetOrder(IPNetwork subnet)
    {
        var bytes = subnet.BaseAddress.GetAddressBytes();
        if (bytes.Length == 4)
        {
            Array.Reverse(bytes);
        }

        return Convert.ToHexString(bytes);
    }

    /// <summary><c>seconds</c> is a u32 in monerod; a longer ban is cut to its low 32 bits there, and capped here.</summary>
    private static RpcJsonObject Entry(string host, uint ip, BanSnapshot ban, bool extended)
    {
        var entry = new RpcJsonObject();
        if (extended) entry.Set("created", (ulong)Math.Max(0, ban.CreatedUnixSeconds));
        entry.Set("host", host).Set("ip", (ulong)ip).Set("seconds", (ulong)Math.Min(ban.SecondsRemaining, uint.MaxValue));
        if (extended) entry.Set("source", ban.Source);
        return entry;
    }
}
