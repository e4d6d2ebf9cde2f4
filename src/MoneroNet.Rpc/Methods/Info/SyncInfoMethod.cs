using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Node;

namespace MoneroNet.Rpc.Methods.Info;

/// <summary>
/// JSON-RPC <c>sync_info</c>: chain height, target height, the next needed pruning seed, every connection as
/// <c>{info: connection_info}</c>, and the block queue — always empty here, since MoneroNet downloads no blocks
/// (<c>spans</c> [] and <c>overview</c> "[]"). Refused in restricted mode.
/// </summary>
public sealed class SyncInfoMethod(INodeQuery node, TimeProvider timeProvider) : IRpcMethod
{
    private readonly INodeQuery _node = node ?? throw new ArgumentNullException(nameof(node));
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public string Name => "sync_info";

    public bool AllowedInRestrictedMode => false;

    public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        _ = parameters.GetString("client");
        var info = _node.GetNodeInfo();
        var connections = _node.GetConnections();
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return ValueTask.FromResult(RpcResult.Success(new SyncInfoResult(info, connections, now)));
    }

    /// <summary>
    /// The result, written with the forward-only writer: each peer's <c>connection_info</c> goes straight from its
    /// snapshot into the answer (<see cref="ConnectionInfoWriter"/>), with no tree. The one list of snapshots stays:
    /// the next needed pruning seed, printed before the peers, is computed over the same connections.
    /// </summary>
    private sealed class SyncInfoResult(NodeInfoSnapshot info, IReadOnlyList<ConnectionSnapshot> connections, long now) : IJsonResult
    {
        public void WriteTo(MonerodJsonWriter writer)
        {
            // Names in byte order, rpc_response_base's status and untrusted among them.
            writer.WriteStartObject();
            writer.WriteNumber("credits"u8, 0UL);
            writer.WriteNumber("height"u8, info.ChainHeight);
            writer.WriteNumber("next_needed_pruning_seed"u8, (ulong)SyncState.NextNeededPruningSeed(info, connections));
            writer.WriteString("overview"u8, "[]"u8);
            // monerod leaves empty "peers" and "spans" out; we print [] on purpose (see MonerodJsonWriter).
            writer.WritePropertyName("peers"u8);
            writer.WriteStartArray();
            foreach (var connection in connections)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("info"u8);
                ConnectionInfoWriter.Write(writer, connection, now, extended: false);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("spans"u8);
            writer.WriteStartArray();
            writer.WriteEndArray();
            writer.WriteString("status"u8, RpcResponseBase.StatusOkUtf8);
            writer.WriteNumber("target_height"u8, SyncState.TargetHeight(info));
            writer.WriteString("top_hash"u8, ""u8);
            writer.WriteBoolean("untrusted"u8, false);
            writer.WriteEndObject();
        }
    }
}
