using MoneroNet.Epee;

namespace MoneroNet.Wire.Rpc;

/// <summary>
/// The answer of <c>/get_hashes.bin</c>, monerod 0.18's COMMAND_RPC_GET_HASHES_FAST response (docs/PROTOCOL.md §7.8):
/// <c>{ credits, current_height, m_block_ids (omitted when empty), start_height, status, top_hash, untrusted }</c>,
/// the RPC-payment fields of rpc_access_response_base included (0 and "" without RPC payment).
/// </summary>
public sealed class GetHashesResponse
{
    /// <summary>The <c>credits</c> field (docs/PROTOCOL.md §7.7).</summary>
    public ulong Credits { get; init; }

    /// <summary>The <c>current_height</c> field (docs/PROTOCOL.md §7.7).</summary>
    public ulong CurrentHeight { get; init; }

    /// <summary>The <c>m_block_ids</c> field (docs/PROTOCOL.md §7.7).</summary>
    public IReadOnlyList<Hash32> BlockIds { get; init; } = [];

    /// <summary>The <c>start_height</c> field (docs/PROTOCOL.md §7.7).</summary>
    public ulong StartHeight { get; init; }

    /// <summary>The <c>status</c> field (docs/PROTOCOL.md §7.7).</summary>
    public string Status { get; init; } = "";

    /// <summary>The <c>top_hash</c> field (docs/PROTOCOL.md §7.7).</summary>
    public string TopHash { get; init; } = "";

    /// <summary>The <c>untrusted</c> field (docs/PROTOCOL.md §7.7).</summary>
    public bool Untrusted { get; init; }

    /// <summary>Reads the body as monerod loads it: unknown keys ignored, missing ones default.</summary>
    public static GetHashesResponse FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new GetHashesResponse
        {
            Credits = FieldReader.UInt64(section, "credits", ""),
            CurrentHeight = FieldReader.UInt64(section, "current_height", ""),
            BlockIds = FieldReader.HashList(section, "m_block_ids", ""),
            StartHeight = FieldReader.UInt64(section, "start_height", ""),
            Status = Text(FieldReader.Bytes(section, "status", "")),
            TopHash = Text(FieldReader.Bytes(section, "top_hash", "")),
            Untrusted = FieldReader.Bool(section, "untrusted", ""),
        };
    }

    /// <summary>Every key but an empty <c>m_block_ids</c>, added in key order.</summary>
    public EpeeSection ToSection()
    {
        var s = new EpeeSection(7);
        s.Add("credits", EpeeValue.FromUInt64(Credits));
        s.Add("current_height", EpeeValue.FromUInt64(CurrentHeight));
        FieldWriter.HashList(s, "m_block_ids", BlockIds);
        s.Add("start_height", EpeeValue.FromUInt64(StartHeight));
        s.Add("status", EpeeValue.FromString(Status));
        s.Add("top_hash", EpeeValue.FromString(TopHash));
        s.Add("untrusted", EpeeValue.FromBool(Untrusted));
        return s;
    }

    private static string Text(byte[]? bytes) => bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);
}
