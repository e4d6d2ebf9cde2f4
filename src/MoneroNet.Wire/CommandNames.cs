namespace MoneroNet.Wire;

/// <summary>Name lookup over both command families (P2P 1001–1007 and cryptonote 2001–2010).</summary>
public static class CommandNames
{
    /// <summary>monerod's name of a Levin command id, or null for an id monerod does not define.</summary>
    public static string? NameOf(uint command) => P2PCommands.NameOf(command) ?? CryptonoteCommands.NameOf(command);
}
