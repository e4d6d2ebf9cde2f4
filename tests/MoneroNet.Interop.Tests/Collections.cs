namespace MoneroNet.Interop.Tests;

/// <summary>
/// monerod-only fixture checks. Each test owns its daemons and ports, so this collection runs in parallel with the
/// others; its own tests run one after another, which keeps the machine load (and so the timings) moderate.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MonerodFixtureCollection
{
    public const string Name = "monerod fixture";
}

/// <summary>
/// MoneroNet ↔ monerod scenarios. Several assert wall-clock bounds (height within 5 s, exit within 5 s), so they run
/// with nothing else in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeScenarioCollection
{
    public const string Name = "MoneroNet node scenarios";
}
