using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// 2008 NOTIFY_NEW_FLUFFY_BLOCK: same layout as 2001, but <c>b.txs</c> carries only transactions the receiver is
/// thought to lack (none on normal relay).
/// </summary>
public sealed class NewFluffyBlockNotification : IWireMessage<NewFluffyBlockNotification>
{
    public static uint Command => CryptonoteCommands.NewFluffyBlock;

    public BlockCompleteEntry Block { get; init; } = new();
    public ulong CurrentBlockchainHeight { get; init; }

    public static NewFluffyBlockNotification FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new NewFluffyBlockNotification
        {
            Block = BlockNotificationParts.Block(section),
            CurrentBlockchainHeight = FieldReader.UInt64(section, BlockNotificationParts.HeightKey, ""),
        };
    }

    public EpeeSection ToSection() => BlockNotificationParts.ToSection(Block, CurrentBlockchainHeight);
}
