using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// 2002 NOTIFY_NEW_TRANSACTIONS: <c>{ txs (omitted when empty), _ (padding, always written),
/// dandelionpp_fluff (default true, so only false is written) }</c>.
/// </summary>
public sealed class NewTransactionsNotification : IWireMessage<NewTransactionsNotification>
{
    /// <inheritdoc/>
    public static uint Command => CryptonoteCommands.NewTransactions;

    /// <summary>The <c>txs</c> field (docs/PROTOCOL.md §3).</summary>
    public IReadOnlyList<byte[]> Txs { get; init; } = [];
    /// <summary>The <c>_</c> padding string (spaces with <c>--pad-transactions</c>, else empty).</summary>
    public byte[] Padding { get; init; } = [];
    /// <summary>True = fluff (broadcast) phase, false = dandelion++ stem. A missing key loads as true.</summary>
    public bool DandelionppFluff { get; init; } = true;

    /// <inheritdoc/>
    public static NewTransactionsNotification FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new NewTransactionsNotification
        {
            Txs = FieldReader.StringArray(section, "txs", ""),
            Padding = FieldReader.Bytes(section, "_", "") ?? [],
            DandelionppFluff = FieldReader.Bool(section, "dandelionpp_fluff", "", missing: true),
        };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection()
    {
        // Keys in ordinal order, section sized exactly (see FieldWriter).
        var s = new EpeeSection(1 + FieldWriter.Count(!DandelionppFluff) + FieldWriter.Count(Txs.Count != 0));
        s.Add("_", EpeeValue.FromBytes(Padding));
        if (!DandelionppFluff) s.Add("dandelionpp_fluff", EpeeValue.FromBool(false));
        FieldWriter.StringArray(s, "txs", Txs);
        return s;
    }
}
