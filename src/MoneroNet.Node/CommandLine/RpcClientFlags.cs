using System.Globalization;
using System.Net;

namespace MoneroNet.Node.CommandLine;

/// <summary>
/// The flags with which a client command (<c>moneronet netinfo</c>, <c>moneronet print_cn</c>…) finds a running node's
/// RPC, meaning what they mean to the node: <c>--testnet</c>/<c>--stagenet</c> (the default port follows the network:
/// 18081, 28081, 38081), <c>--rpc-bind-ip</c>, <c>--rpc-bind-port</c>, <c>--rpc-login USER[:PASS]</c>. So the flags
/// that started a node reach it. Both "--flag value" and "--flag=value" work; a node bound to every interface is
/// reached on loopback.
/// </summary>
internal sealed class RpcClientFlags
{
    private bool _testnet, _stagenet;
    private IPAddress _ip = IPAddress.Loopback;
    private int? _port;

    /// <summary>--rpc-login as given (USER or USER:PASS), completed by RpcLoginPrompt.</summary>
    public string? RpcLogin { get; private set; }

    /// <summary>Whether <paramref name="name"/> is one of these flags (without any "=value").</summary>
    public static bool IsFlag(string name) =>
        name is "--testnet" or "--stagenet" or "--rpc-bind-ip" or "--rpc-bind-port" or "--rpc-login";

    /// <summary>Whether the flag <paramref name="name"/> takes a value.</summary>
    public static bool TakesValue(string name) => name is "--rpc-bind-ip" or "--rpc-bind-port" or "--rpc-login";

    /// <summary>
    /// Takes the flag <paramref name="name"/> with <paramref name="value"/> (null for a switch, or a value missing).
    /// </summary>
    /// <returns>An error line without prefix, or null.</returns>
    public string? Take(string name, string? value)
    {
        switch (name)
        {
            case "--testnet":
                _testnet = true;
                return null;
            case "--stagenet":
                _stagenet = true;
                return null;
            case "--rpc-bind-ip":
                if (value is null || !IPAddress.TryParse(value, out var parsed))
                    return "--rpc-bind-ip needs an IP address";
                _ip = parsed;
                return null;
            case "--rpc-bind-port":
                if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                    return "--rpc-bind-port needs a port 1..65535";
                _port = p;
                return null;
            case "--rpc-login":
                if (string.IsNullOrEmpty(value))
                    return "--rpc-login needs USER[:PASS]";
                RpcLogin = value;
                return null;
            default:
                return $"unknown option {name}";
        }
    }

    /// <returns>The RPC end point, or an error line without prefix.</returns>
    public (IPEndPoint? EndPoint, string? Error) Resolve()
    {
        if (_testnet && _stagenet)
            return (null, "--testnet and --stagenet together");
        var ip = _ip.IsIPv4MappedToIPv6 ? _ip.MapToIPv4() : _ip;
        if (IPAddress.Any.Equals(ip))
            ip = IPAddress.Loopback;
        else if (IPAddress.IPv6Any.Equals(ip))
            ip = IPAddress.IPv6Loopback;
        return (new IPEndPoint(ip, _port ?? (_testnet ? 28081 : _stagenet ? 38081 : 18081)), null);
    }
}
