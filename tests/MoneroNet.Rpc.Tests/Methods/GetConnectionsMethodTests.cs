using Microsoft.Extensions.Time.Testing;
using MoneroNet.Rpc.Json;
using MoneroNet.Rpc.Methods;
using MoneroNet.Rpc.Tests.Support;

namespace MoneroNet.Rpc.Tests.Methods;

public sealed class GetConnectionsMethodTests
{
    [Fact]
    public async Task Uses_whole_unix_seconds_of_the_time_provider()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_010_999));
        var node = new FakeNodeQuery(Snapshots.Ipv4(started: 1_800_000_000, now: 1_800_000_000));
        var method = new GetConnectionsMethod(node, time);

        var result = await method.InvokeAsync(RpcParams.Empty, CancellationToken.None);

        var connection = Assert.IsType<RpcJsonObject>(Assert.IsType<RpcJsonArray>(result.Result!["connections"]).Items.Single());
        Assert.Equal(10UL, Assert.IsType<RpcJsonUnsigned>(connection["live_time"]).Value);
        Assert.Equal("OK", Assert.IsType<RpcJsonString>(result.Result["status"]).Value);
        Assert.False(Assert.IsType<RpcJsonBool>(result.Result["untrusted"]).Value);
        Assert.False(method.AllowedInRestrictedMode);
        Assert.Equal("get_connections", method.Name);
    }

    [Fact]
    public async Task No_connections_is_an_empty_array_not_a_missing_key()
    {
        var method = new GetConnectionsMethod(new FakeNodeQuery(), TimeProvider.System);
        var result = await method.InvokeAsync(RpcParams.Empty, CancellationToken.None);
        Assert.Equal(0, Assert.IsType<RpcJsonArray>(result.Result!["connections"]).Count);
        Assert.Contains("\"connections\": [],\r\n", EpeeJsonWriter.WriteToString(result.Result), StringComparison.Ordinal);
    }
}
