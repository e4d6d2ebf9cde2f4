using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>
/// 2008 NOTIFY_NEW_FLUFFY_BLOCK: same layout as 2001, but <c>b.txs</c> carries only transactions the receiver is
/// thought to lack (none on normal relay).
/// </summary>
public sealed class NewFluffyBlockNotification : IWireMessage<NewFluffyBlockNotification>
{
    /// <inheritdoc/>
    public static uint Command => CryptonoteCommands.NewFluffyBlock;

    /// <summary>The <c>b</c> entry: the block blob and its transactions.</summary>
    public BlockCompleteEntry Block { get; init; } = new();
    /// <summary>The <c>current_blockchain_height</c> field: the sender's chain length.</summary>
    public ulong CurrentBlockchainHeight { get; init; }

    /// <inheritdoc/>
    public static NewFluffyBlockNotification FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new NewFluffyBlockNotification
        {
            Block = BlockNotificationParts.Block(section),
            CurrentBlockchainHeight = FieldReader.UInt64(section, BlockNotificationParts.HeightKey, ""),
        };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection() => BlockNotificationParts.ToSection(Block, CurrentBlockchainHeight);
}
