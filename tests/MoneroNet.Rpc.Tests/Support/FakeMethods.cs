using System.Net;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>
/// Stand-ins for methods not implemented yet, shaped like monerod's so that the transcripts captured with them
/// (id echo, -32602, method errors, URI 400) can be replayed against the real dispatch code.
/// </summary>
internal static class FakeMethods
{
    /// <summary>get_bans with no bans: only the response base.</summary>
    public sealed class GetBans : IRpcMethod
    {
        public string Name => "get_bans";

        public bool AllowedInRestrictedMode => false;

        public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken) =>
            ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(new EpeeObject())));
    }

    /// <summary>banned: a string "address"; -1 "Unsupported host type" when it is no IP.</summary>
    public sealed class Banned : IRpcMethod
    {
        public string Name => "banned";

        public bool AllowedInRestrictedMode => false;

        public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
        {
            var address = parameters.GetString("address") ?? "";
            if (!IPAddress.TryParse(address, out _))
            {
                return ValueTask.FromResult(RpcResult.Error(-1, "Unsupported host type"));
            }

            return ValueTask.FromResult(RpcResult.Success(new EpeeObject().Set("banned", false).Set("seconds", 0UL).Set("status", "OK")));
        }
    }

    /// <summary>A URI endpoint that reads one optional bool and echoes it; restricted-allowed as configured.</summary>
    public sealed class Echo(string name, bool allowedInRestrictedMode) : IRpcMethod
    {
        public string Name => name;

        public bool AllowedInRestrictedMode => allowedInRestrictedMode;

        public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
        {
            var flag = parameters.GetBool("flag") ?? false;
            return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(new EpeeObject().Set("flag", flag))));
        }
    }

    /// <summary>A method that fails the way a broken handler does.</summary>
    public sealed class Throws : IRpcMethod
    {
        public string Name => "throws";

        public bool AllowedInRestrictedMode => true;

        public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("broken handler");
    }

    public static RpcMethodRegistry Registry(INodeQuery node, TimeProvider time)
    {
        var registry = RpcMethodRegistry.CreateDefault(node, time);
        registry.AddJsonRpcMethod(new GetBans());
        registry.AddJsonRpcMethod(new Banned());
        registry.AddJsonRpcMethod(new Throws());
        registry.AddUriEndpoint("/get_info", new Echo("get_info", true));
        registry.AddUriEndpoint("/get_peer_list", new Echo("get_peer_list", false));
        return registry;
    }
}
