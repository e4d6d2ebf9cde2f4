namespace MoneroNet.P2P.Tests.Support;

/// <summary>Tests that load the machine (busy samplers, connect bursts) run in this collection, never beside others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial (load-heavy)";
}
