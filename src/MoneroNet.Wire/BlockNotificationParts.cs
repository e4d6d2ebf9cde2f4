using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary>The layout 2001 and 2008 share.</summary>
internal static class BlockNotificationParts
{
    public const string BlockKey = "b";
    public const string HeightKey = "current_blockchain_height";

    public static BlockCompleteEntry Block(EpeeSection body) =>
        FieldReader.Object(body, BlockKey) is { } b ? BlockCompleteEntry.FromSection(b, BlockKey + ".") : new BlockCompleteEntry();

    public static EpeeSection ToSection(BlockCompleteEntry block, ulong height)
    {
        var s = new EpeeSection(2);
        s.Add(BlockKey, EpeeValue.FromSection(block.ToSection()));
        s.Add(HeightKey, EpeeValue.FromUInt64(height));
        return s;
    }
}
