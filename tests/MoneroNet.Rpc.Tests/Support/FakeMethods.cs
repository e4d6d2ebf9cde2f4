using MoneroNet.Rpc.Http;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;

namespace MoneroNet.Rpc.Tests.Support;

/// <summary>Test-only methods beside the real ones: a URI endpoint that echoes a flag, and a broken handler.</summary>
internal static class FakeMethods
{
    /// <summary>A URI endpoint that reads one optional bool and echoes it; restricted-allowed as configured.</summary>
    public sealed class Echo(string name, bool allowedInRestrictedMode) : IRpcMethod
    {
        public string Name => name;

        public bool AllowedInRestrictedMode => allowedInRestrictedMode;

        public ValueTask<RpcResult> InvokeAsync(RpcParams parameters, CancellationToken cancellationToken)
        {
            var flag = parameters.GetBool("flag") ?? false;
            return ValueTask.FromResult(RpcResult.Success(RpcResponseBase.WithStatusOk(new RpcJsonObject().Set("flag", flag))));
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

    /// <summary>Every real method over the fakes, plus JSON-RPC "throws" and the URI endpoint "/echo".</summary>
    public static RpcMethodRegistry Registry(
        FakeNodeQuery node, TimeProvider time, bool restricted = false, RpcConnectionCounter? connections = null, FakeNodeControl? control = null)
    {
        var facts = new RpcServerFacts(restricted, connections ?? new RpcConnectionCounter());
        var registry = RpcMethodRegistry.CreateDefault(node, control ?? new FakeNodeControl(node), facts, time);
        registry.AddJsonRpcMethod(new Throws());
        registry.AddUriEndpoint("/echo", new Echo("echo", true));
        return registry;
    }
}
