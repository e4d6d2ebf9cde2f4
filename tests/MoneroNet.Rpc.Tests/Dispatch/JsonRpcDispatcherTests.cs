using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MoneroNet.Rpc.Dispatch;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Dispatch;

/// <summary>Envelope decisions that no transcript shows, checked against what monerod's code does.</summary>
public sealed class JsonRpcDispatcherTests
{
    private static async Task<RpcReply> DispatchAsync(string body, bool restricted = false)
    {
        var time = new FakeTimeProvider(RunningServer.Epoch);
        var dispatcher = new JsonRpcDispatcher(FakeMethods.Registry(new FakeNodeQuery(), time), restricted, NullLogger.Instance);
        return await dispatcher.DispatchAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);
    }

    private static string Error(long code, string message, string id) =>
        $"{{\r\n  \"error\": {{\r\n    \"code\": {code},\r\n    \"message\": \"{message}\"\r\n  }},\r\n  \"id\": {id},\r\n  \"jsonrpc\": \"2.0\"\r\n}}";

    [Fact]
    public async Task A_jsonrpc_field_that_is_not_a_string_is_invalid_params_with_id_zero()
    {
        var reply = await DispatchAsync("{\"jsonrpc\":2,\"id\":\"x\",\"method\":\"get_connections\"}");
        Assert.Equal(Error(-32602, "Invalid params", "0"), Encoding.UTF8.GetString(reply.Body));
    }

    [Fact]
    public async Task Params_that_are_not_an_object_are_ignored()
    {
        var reply = await DispatchAsync("{\"id\":\"x\",\"method\":\"get_connections\",\"params\":[1,2]}");
        Assert.Equal(200, reply.StatusCode);
        Assert.StartsWith("{\r\n  \"id\": \"x\",\r\n  \"jsonrpc\": \"2.0\",\r\n  \"result\": {", Encoding.UTF8.GetString(reply.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_method_is_a_missing_method()
    {
        var reply = await DispatchAsync("{\"id\":4,\"method\":null}");
        Assert.Equal(Error(-32600, "Invalid Request", "0"), Encoding.UTF8.GetString(reply.Body));
    }

    [Theory]
    [InlineData("{\"id\":1,\"method\":true}")]
    [InlineData("{\"id\":1,\"method\":{\"a\":1}}")]
    [InlineData("{\"id\":1,\"method\":[\"get_connections\"]}")]
    [InlineData("{\"id\":1,\"method\":-1.5}")]
    public async Task A_method_of_any_other_type_is_a_500(string body)
    {
        var reply = await DispatchAsync(body);
        Assert.Equal(500, reply.StatusCode);
        Assert.True(reply.CloseConnection);
        Assert.Empty(reply.Body);
    }

    [Fact]
    public async Task An_unknown_method_echoes_an_array_id_as_given()
    {
        var reply = await DispatchAsync("{\"id\":[1,2],\"method\":\"nope\"}");
        Assert.Equal(Error(-32601, "Method not found", "[1,2]"), Encoding.UTF8.GetString(reply.Body));
    }

    [Fact]
    public async Task Restricted_mode_answers_refused_methods_like_unknown_ones_and_runs_allowed_ones()
    {
        var refused = await DispatchAsync("{\"id\":3,\"method\":\"get_bans\"}", restricted: true);
        Assert.Equal(Error(-32601, "Method not found", "3"), Encoding.UTF8.GetString(refused.Body));

        var allowed = await DispatchAsync("{\"id\":3,\"method\":\"throws\"}", restricted: true);
        Assert.Equal(Error(-32603, "Internal error", "3"), Encoding.UTF8.GetString(allowed.Body));
    }

    [Fact]
    public async Task A_handler_that_throws_is_an_internal_error_echoing_the_id()
    {
        var reply = await DispatchAsync("{\"id\":\"t\",\"method\":\"throws\"}");
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(Error(-32603, "Internal error", "\"t\""), Encoding.UTF8.GetString(reply.Body));
    }

    [Fact]
    public async Task A_result_that_throws_while_it_is_written_is_an_internal_error_echoing_the_id()
    {
        var time = new FakeTimeProvider(RunningServer.Epoch);
        var registry = FakeMethods.Registry(new FakeNodeQuery(), time);
        registry.AddJsonRpcMethod(new ThrowsWhileWritten());
        var dispatcher = new JsonRpcDispatcher(registry, restricted: false, NullLogger.Instance);

        var reply = await dispatcher.DispatchAsync(Encoding.UTF8.GetBytes("{\"id\":7,\"method\":\"throws_while_written\"}"), CancellationToken.None);

        // Nothing of the half-written result reaches the answer: it is the whole error envelope alone.
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(Error(-32603, "Internal error", "7"), Encoding.UTF8.GetString(reply.Body));
    }

    /// <summary>A method whose result fails halfway through being written (as a node read may while it is listed).</summary>
    private sealed class ThrowsWhileWritten : MoneroNet.Rpc.Methods.IRpcMethod, MoneroNet.Rpc.Methods.IJsonResult
    {
        public string Name => "throws_while_written";

        public bool AllowedInRestrictedMode => true;

        public ValueTask<MoneroNet.Rpc.Methods.RpcResult> InvokeAsync(MoneroNet.Rpc.Methods.RpcParams parameters, CancellationToken cancellationToken) =>
            ValueTask.FromResult(MoneroNet.Rpc.Methods.RpcResult.Success(this));

        public void WriteTo(MoneroNet.Rpc.Json.MonerodJsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteNumber("a"u8, 1UL);
            throw new InvalidOperationException("the node went away");
        }
    }
}
