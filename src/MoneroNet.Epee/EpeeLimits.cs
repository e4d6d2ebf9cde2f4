namespace MoneroNet.Epee;

/// <summary>
/// Per-message budgets of the reader, counted the way epee counts them: <see cref="MaxObjects"/> every OBJECT
/// value (root not counted, array elements counted), <see cref="MaxFields"/> the sum of all section entry counts
/// including the root's, <see cref="MaxStrings"/> every STRING value including array elements (keys are not
/// strings). <see cref="RecursionLimit"/> bounds epee's nesting counter, which grows with every nested reader step
/// rather than with every object (see <see cref="EpeeStorage"/>). <c>default(EpeeLimits)</c> rejects everything;
/// use <see cref="Levin"/> or <see cref="Rpc"/>.
/// </summary>
public readonly record struct EpeeLimits(int MaxObjects, int MaxFields, int MaxStrings, int RecursionLimit = EpeeLimits.DefaultRecursionLimit)
{
    /// <summary>EPEE_PORTABLE_STORAGE_RECURSION_LIMIT as monerod is built: the counter must stay below 100.</summary>
    public const int DefaultRecursionLimit = 100;

    /// <summary>monerod's limits for P2P (Levin) payloads: 8192 objects, 16384 fields, 16384 strings.</summary>
    public static EpeeLimits Levin { get; } = new(8192, 16384, 16384);

    /// <summary>monerod's limits for binary (.bin) HTTP RPC payloads: 196608 of each.</summary>
    public static EpeeLimits Rpc { get; } = new(196608, 196608, 196608);
}
