using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Peers;

/// <summary>
/// <c>/in_peers</c> and <c>/out_peers</c>: with <c>set</c> true — the default — the limit becomes the given
/// <c>in_peers</c>/<c>out_peers</c> value (0 when absent, as monerod); <c>{"set": false}</c> only reads it. The answer
/// is the limit now in force (4294967295 = unlimited). Refused in restricted mode.
/// </summary>
public sealed class PeerLimitMethod : IRpcMethod
{
    private readonly INodeQuery _node;
    private readonly Action<uint> _set;
    private readonly Func<NodeInfoSnapshot, uint> _read;

    private PeerLimitMethod(string name, INodeQuery node, Action<uint> set, Func<NodeInfoSnapshot, uint> read)
    {
        Name = name;
        _node = node ?? throw new ArgumentNullException(nameof(node));
        _set = set;
        _read = read;
    }

    public static PeerLimitMethod InPeers(INodeQuery node, INodeControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        return new PeerLimitMethod("in_peers", node, control.SetInPeers, info => info.InPeersLimit);
    }

    public static PeerLimitMethod OutPeers(INodeQuery node, INodeControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        return new PeerLimitMethod("out_peers", node, control.SetOutPeers, info => info.OutPeersLimit);
    }

    /// <summary>"in_peers" or "out_peers": also the name of the request and response field.</summary>
    public string Name { get; }

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var set = parameters.GetBool("set") ?? true;
        var limit = parameters.GetUInt32(Name) ?? 0;
        if (set)
        {
            _set(limit);
        }

        var result = new RpcJsonObject().Set(Name, (ulong)_read(_node.GetNodeInfo()));
        return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(result)));
    }
}
