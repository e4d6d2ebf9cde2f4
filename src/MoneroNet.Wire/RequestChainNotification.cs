using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// 2006 NOTIFY_REQUEST_CHAIN: <c>{ block_ids (hash list blob, omitted when empty), prune (only true is written) }</c>.
/// block_ids is the sender's sparse chain history, newest first, ending with the genesis hash.
/// </summary>
public sealed class RequestChainNotification : IWireMessage<RequestChainNotification>
{
    /// <inheritdoc/>
    public static uint Command => CryptonoteCommands.RequestChain;

    /// <summary>The <c>block_ids</c> field (docs/PROTOCOL.md §3).</summary>
    public IReadOnlyList<Hash32> BlockIds { get; init; } = [];
    /// <summary>The <c>prune</c> field (docs/PROTOCOL.md §3).</summary>
    public bool Prune { get; init; }

    /// <inheritdoc/>
    public static RequestChainNotification FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new RequestChainNotification
        {
            BlockIds = FieldReader.HashList(section, "block_ids", ""),
            Prune = FieldReader.Bool(section, "prune", ""),
        };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        var s = new EpeeSection(2);
        FieldWriter.HashList(s, "block_ids", BlockIds);
        if (Prune) s.Add("prune", EpeeValue.FromBool(true));
        return s;
    }
}
