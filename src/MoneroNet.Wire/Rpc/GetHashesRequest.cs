using MoneroNet.Epee;

namespace MoneroNet.Wire.Rpc;

/// <summary>
/// The body of the daemon RPC's <c>/get_hashes.bin</c> (alias <c>/gethashes.bin</c>), monerod 0.18's
/// COMMAND_RPC_GET_HASHES_FAST request (docs/PROTOCOL.md §7.8): <c>{ block_ids (hash list blob), client (string),
/// start_height (u64) }</c>. <see cref="BlockIds"/> is the caller's sparse chain history, newest first, ending with the
/// genesis hash. Loaded with the same lenient rules as the P2P messages: a blob whose length is not a multiple of 32
/// leaves the list empty, a field of an inconvertible type throws <see cref="WireFormatException"/> (monerod then
/// answers 400).
/// </summary>
public sealed class GetHashesRequest
{
    /// <summary>The <c>block_ids</c> field (docs/PROTOCOL.md §7.7).</summary>
    public IReadOnlyList<Hash32> BlockIds { get; init; } = [];

    /// <summary>The RPC-payment client id (rpc_access_request_base); empty when not paying.</summary>
    public byte[] Client { get; init; } = [];

    /// <summary>The <c>start_height</c> field (docs/PROTOCOL.md §7.7).</summary>
    public ulong StartHeight { get; init; }

    /// <summary>Reads the body as monerod loads it: unknown keys ignored, missing ones default.</summary>
    public static GetHashesRequest FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new GetHashesRequest
        {
            BlockIds = FieldReader.HashList(section, "block_ids", ""),
            Client = FieldReader.Bytes(section, "client", "") ?? [],
            StartHeight = FieldReader.UInt64(section, "start_height", ""),
        };
    }

    /// <summary>As monerod's client writes it: <c>client</c> and <c>start_height</c> always, <c>block_ids</c> when not empty.</summary>
    public EpeeSection ToSection()
    {
        var s = new EpeeSection(3);
        FieldWriter.HashList(s, "block_ids", BlockIds);
        s.Add("client", EpeeValue.FromBytes(Client));
        s.Add("start_height", EpeeValue.FromUInt64(StartHeight));
        return s;
    }
}
