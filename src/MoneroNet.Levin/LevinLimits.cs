namespace MoneroNet.Levin;

/// <summary>
/// Receive size limits of monerod: a per-connection maximum packet size (raised after the handshake)
/// and per-command body caps (cryptonote_connection_context::get_max_bytes). The effective limit for
/// a body is the smaller of the two.
/// </summary>
public static class LevinLimits
{
    /// <summary>Maximum packet size before the handshake (256 KiB).</summary>
    public const int InitialMaxPacketSize = 256 * 1024;

    /// <summary>Maximum packet size after the handshake (100 MB).</summary>
    public const int DefaultMaxPacketSize = 100_000_000;

    /// <summary>Returned by <see cref="MaxBodyFor"/> for commands without a cap of their own.</summary>
    public const ulong NoCommandCap = ulong.MaxValue;

    /// <summary>Largest body monerod accepts for <paramref name="command"/>, before the packet-size limit is applied.</summary>
    public static ulong MaxBodyFor(uint command) => command switch
    {
        1001 or 1002 => 64 * 1024,        // handshake, timed sync
        1003 or 1007 => 4 * 1024,         // ping, support flags
        2001 or 2002 or 2004 => 128 * 1024 * 1024, // new block, new txs, response get objects: the packet limit is what bites
        2003 => 2 * 1024 * 1024,          // request get objects
        2006 => 512 * 1024,               // request chain
        2007 or 2008 or 2010 => 4 * 1024 * 1024, // response chain entry, fluffy block, txpool complement
        2009 => 1024 * 1024,              // request fluffy missing tx
        _ => NoCommandCap,
    };

    /// <summary>The limit a body of <paramref name="command"/> is checked against: min(packet size, command cap).</summary>
    public static ulong EffectiveMaxBody(uint command, int maxPacketSize) =>
        Math.Min((ulong)maxPacketSize, MaxBodyFor(command));
}
