namespace MoneroNet.Levin;

/// <summary>Bits of the Levin header's <c>flags</c> field.</summary>
[Flags]
public enum LevinFlags : uint
{
    /// <summary>No bit set (a dummy packet's flags are 0 too; see docs/PROTOCOL.md §2.6).</summary>
    None = 0,

    /// <summary>Q: a request or a notification (whether a reply is due is given by <c>expect_response</c>).</summary>
    Request = 1,

    /// <summary>S: a response to the oldest outstanding request.</summary>
    Response = 2,

    /// <summary>First piece of a fragmented message (clears the reassembly buffer).</summary>
    Begin = 4,

    /// <summary>Last piece of a fragmented message. Together with <see cref="Begin"/> (and no Q/S) it marks a dummy packet.</summary>
    End = 8,
}
