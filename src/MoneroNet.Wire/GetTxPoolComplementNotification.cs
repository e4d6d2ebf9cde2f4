using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// 2010 NOTIFY_GET_TXPOOL_COMPLEMENT: <c>{ hashes }</c> — ids of the txs the sender already has (hash list blob,
/// omitted when empty, so monerod's usual one is an empty section).
/// </summary>
public sealed class GetTxPoolComplementNotification : IWireMessage<GetTxPoolComplementNotification>
{
    /// <inheritdoc/>
    public static uint Command => CryptonoteCommands.GetTxPoolComplement;

    /// <summary>The <c>hashes</c> field (docs/PROTOCOL.md §3).</summary>
    public IReadOnlyList<Hash32> Hashes { get; init; } = [];

    /// <inheritdoc/>
    public static GetTxPoolComplementNotification FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new GetTxPoolComplementNotification { Hashes = FieldReader.HashList(section, "hashes", "") };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        var s = new EpeeSection(1);
        FieldWriter.HashList(s, "hashes", Hashes);
        return s;
    }
}
