using System.Text;

namespace MoneroNet.Rpc.Json;

/// <summary>
/// Orders strings by their UTF-8 bytes, as a <c>std::map&lt;std::string, …&gt;</c> does in monerod. Ordinal UTF-16
/// comparison differs from it for characters above U+FFFF against U+E000–U+FFFF.
/// </summary>
public sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static readonly Utf8OrdinalComparer Instance = new();

    private Utf8OrdinalComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        if (Ascii.IsValid(x) && Ascii.IsValid(y))
        {
            return string.CompareOrdinal(x, y);
        }

        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
