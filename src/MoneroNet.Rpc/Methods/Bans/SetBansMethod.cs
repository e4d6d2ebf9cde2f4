using System.Net;
using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Bans;

/// <summary>
/// JSON-RPC <c>set_bans</c>: <c>bans</c> is a list of <c>{host, ip, ban, seconds}</c>. Each entry is tried as an IPv4
/// subnet, then as a host; an empty host means the packed IPv4 <c>ip</c>. <c>ban</c> false lifts the ban. Entries
/// are applied in order, and an unreadable host stops the call with −1 "Unsupported host/subnet type" (the entries
/// before it stay applied, as in monerod). Refused in restricted mode.
/// </summary>
public sealed class SetBansMethod(INodeControl control) : IRpcMethod
{
    private readonly INodeControl _control = control ?? throw new ArgumentNullException(nameof(control));

    public string Name => "set_bans";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var entries = ReadEntries(parameters);
        foreach (var entry in entries)
        {
            if (entry.Host.Length > 0 && BanHostParser.TryParseIpv4Subnet(entry.Host, out var subnet))
            {
                if (entry.Ban)
                {
                    _control.Ban(subnet, TimeSpan.FromSeconds(entry.Seconds));
                }
                else
                {
                    _control.Unban(subnet);
                }

                continue;
            }

            IPAddress address;
            if (entry.Host.Length > 0)
            {
                if (!BanHostParser.TryParseHost(entry.Host, out address))
                {
                    return ValueTask.FromResult(RpcResult.Error(RpcErrorCodes.WrongParam, "Unsupported host/subnet type"));
                }
            }
            else
            {
                address = PackedIpv4.Unpack(entry.Ip);
            }

            if (entry.Ban)
            {
                _control.Ban(address, TimeSpan.FromSeconds(entry.Seconds));
            }
            else
            {
                _control.Unban(address);
            }
        }

        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(new RpcJsonObject())));
    }

    private readonly record struct Entry(string Host, uint Ip, bool Ban, uint Seconds);

    /// <summary>Reads every entry before acting, so that a mistyped field anywhere rejects the whole call (-32602).</summary>
    private static List<Entry> ReadEntries(RpcParams parameters)
    {
        var entries = new List<Entry>();
        var bans = parameters.GetArray("bans");
        if (bans is null)
        {
            return entries;
        }

        foreach (var item in bans.Items)
        {
            if (item is not RpcJsonObject fields)
            {
                throw new RpcInvalidParamsException("parameter 'bans': entries must be objects");
            }

            var entry = new RpcParams(fields);
            entries.Add(new Entry(
                entry.GetString("host") ?? "",
                entry.GetUInt32("ip") ?? 0,
                entry.GetBool("ban") ?? false,
                entry.GetUInt32("seconds") ?? 0));
        }

        return entries;
    }
}
