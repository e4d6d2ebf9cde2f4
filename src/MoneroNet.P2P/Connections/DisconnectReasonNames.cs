using System.Text;

namespace MoneroNet.P2P.Connections;

/// <summary>
/// The reported names of <see cref="DisconnectReason"/> values, in snake case ("remote_closed", "idle_timeout"): the
/// form get_closed_connections, get_connection_stats and the metrics labels use. Computed once from the enum's
/// names, so a new reason is named without a second list to keep in step.
/// </summary>
public static class DisconnectReasonNames
{
    private static readonly DisconnectReason[] Values = Enum.GetValues<DisconnectReason>();

    private static readonly string[] Names = BuildNames();

    /// <summary>Every reason, in the enum's order.</summary>
    public static IReadOnlyList<DisconnectReason> All => Values;

    /// <summary>How many reasons there are; arrays of counters indexed by reason are this long.</summary>
    public static int Count => Values.Length;

    /// <summary>The snake-case name, e.g. "send_queue_full" for <see cref="DisconnectReason.SendQueueFull"/>.</summary>
    public static string NameOf(DisconnectReason reason) =>
        (uint)reason < (uint)Names.Length ? Names[(int)reason] : "unknown";

    /// <summary>"RemoteClosed" → "remote_closed": an underscore before every capital but the first, all lower case.</summary>
    internal static string ToSnakeCase(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0) text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    private static string[] BuildNames()
    {
        var names = new string[Values.Length];
        foreach (var value in Values) names[(int)value] = ToSnakeCase(value.ToString());
        return names;
    }
}
