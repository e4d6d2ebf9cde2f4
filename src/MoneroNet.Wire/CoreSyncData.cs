using MoneroNet.Epee;

namespace MoneroNet.Wire;

/// <summary><c>CORE_SYNC_DATA</c>, the <c>payload_data</c> of handshakes and timed syncs (docs/PROTOCOL.md §3.1).</summary>
public sealed record CoreSyncData
{
    /// <summary>Chain length = top block height + 1.</summary>
    public ulong CurrentHeight { get; init; }
    /// <summary>Low 64 bits of the 128-bit cumulative difficulty.</summary>
    public ulong CumulativeDifficulty { get; init; }
    /// <summary>High 64 bits of the cumulative difficulty; always written, optional on load.</summary>
    public ulong CumulativeDifficultyTop64 { get; init; }
    /// <summary>The <c>top_id</c> field (docs/PROTOCOL.md §3).</summary>
    public Hash32 TopId { get; init; }
    /// <summary>Hard-fork version of the top block; 0 is omitted on the wire.</summary>
    public byte TopVersion { get; init; }
    /// <summary>The <c>pruning_seed</c> field (docs/PROTOCOL.md §3).</summary>
    public uint PruningSeed { get; init; }

    /// <summary>The full 128-bit cumulative difficulty.</summary>
    public UInt128 CumulativeDifficulty128 => new(CumulativeDifficultyTop64, CumulativeDifficulty);

    /// <summary>Reads the fields under <paramref name="prefix"/> (a nested section's key path, "" for the root) as monerod loads them: unknown keys ignored, missing ones default.</summary>
    public static CoreSyncData FromSection(EpeeSection section, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(section);
        return new CoreSyncData
        {
            CurrentHeight = FieldReader.UInt64(section, "current_height", prefix),
            CumulativeDifficulty = FieldReader.UInt64(section, "cumulative_difficulty", prefix),
            CumulativeDifficultyTop64 = FieldReader.UInt64(section, "cumulative_difficulty_top64", prefix),
            TopId = FieldReader.Hash(section, "top_id", prefix),
            TopVersion = FieldReader.UInt8(section, "top_version", prefix),
            PruningSeed = FieldReader.UInt32(section, "pruning_seed", prefix),
        };
    }

    /// <summary>The fields as an epee section, with the keys and type tags monerod writes.</summary>
    public EpeeSection ToSection()
    {
        // Keys in ordinal order, section sized exactly (see FieldWriter).
        var s = new EpeeSection(4 + FieldWriter.Count(PruningSeed != 0) + FieldWriter.Count(TopVersion != 0));
        s.Add("cumulative_difficulty", EpeeValue.FromUInt64(CumulativeDifficulty));
        s.Add("cumulative_difficulty_top64", EpeeValue.FromUInt64(CumulativeDifficultyTop64));
        s.Add("current_height", EpeeValue.FromUInt64(CurrentHeight));
        FieldWriter.OptionalUInt32(s, "pruning_seed", PruningSeed);
        FieldWriter.Hash(s, "top_id", TopId);
        FieldWriter.OptionalUInt8(s, "top_version", TopVersion);
        return s;
    }
}
