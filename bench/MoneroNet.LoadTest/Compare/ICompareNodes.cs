namespace MoneroNet.LoadTest.Compare;

/// <summary>
/// Starts the fresh node each measurement needs. The bench starts processes itself (<see cref="ProcessCompareNodes"/>);
/// a test hands in nodes its fixtures started. Disposing the returned node stops it.
/// </summary>
public interface ICompareNodes
{
    /// <summary>A fresh <paramref name="kind"/> that accepts <paramref name="peers"/> incoming connections, one per source IP.</summary>
    Task<NodeProcess> StartAsync(NodeKind kind, int peers, CancellationToken ct);
}
