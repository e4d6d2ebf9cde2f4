namespace MoneroNet.LoadTest.Compare;

/// <summary>The two nodes a side-by-side run measures.</summary>
public enum NodeKind
{
    Monerod,
    MoneroNet,
}

public static class NodeKinds
{
    public static string Label(this NodeKind kind) => kind == NodeKind.Monerod ? "monerod" : "MoneroNet";
}
