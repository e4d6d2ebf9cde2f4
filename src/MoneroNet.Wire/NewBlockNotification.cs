using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>2001 NOTIFY_NEW_BLOCK: <c>{ b: block_complete_entry, current_blockchain_height }</c>, sent to peers without the fluffy flag.</summary>
public sealed class NewBlockNotification : IWireMessage<NewBlockNotification>
{
    /// <inheritdoc/>
    public static uint Command => CryptonoteCommands.NewBlock;

    /// <summary>The <c>b</c> entry: the block blob and its transactions.</summary>
    public BlockCompleteEntry Block { get; init; } = new();
    /// <summary>The sender's chain length including this block.</summary>
    public ulong CurrentBlockchainHeight { get; init; }

    /// <inheritdoc/>
    public static NewBlockNotification FromSection(EpeeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new NewBlockNotification
        {
            Block = BlockNotificationParts.Block(section),
            CurrentBlockchainHeight = FieldReader.UInt64(section, BlockNotificationParts.HeightKey, ""),
        };
    }

    /// <inheritdoc/>
    public EpeeSection ToSection() => BlockNotificationParts.ToSection(Block, CurrentBlockchainHeight);
}
