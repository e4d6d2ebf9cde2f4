using System.Diagnostics.CodeAnalysis;

namespace MoneroNet.Fuzz;

/// <summary>
/// The targets by name. Each takes one input and returns normally when the parser accepted it or rejected it the way
/// it documents (its own format exception, a null result, an error value); anything else escapes and is a crash.
/// </summary>
internal static class FuzzTargets
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["epee"] = EpeeTarget.Run,
        ["levin"] = LevinTarget.Run,
        ["wire"] = WireTarget.Run,
        ["json-rpc"] = JsonRpcTarget.Run,
        ["digest"] = DigestTarget.Run,
        ["config-file"] = ConfigFileTarget.Run,
        ["ban-list"] = BanListTarget.Run,
        ["peer-list"] = PeerListTarget.Run,
        ["asn-map"] = AsnMapTarget.Run,
    };

    public static IEnumerable<string> Names => Targets.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out Action<byte[]>? target) =>
        Targets.TryGetValue(name, out target);
}
