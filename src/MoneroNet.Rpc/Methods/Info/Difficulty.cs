using System.Globalization;
using MoneroNet.Rpc.Json;

namespace MoneroNet.Rpc.Methods.Info;

/// <summary>monerod's three renderings of a 128-bit difficulty: the low 64 bits, "0x" + hex, and the high 64 bits.</summary>
internal static class Difficulty
{
    public static void Set(RpcJsonObject result, string low, string wide, string top64, UInt128 value)
    {
        result.Set(low, (ulong)(value & ulong.MaxValue))
            .Set(wide, "0x" + value.ToString("x", CultureInfo.InvariantCulture))
            .Set(top64, (ulong)(value >> 64));
    }
}
