namespace MoneroNet.Rpc.Tests.Support;

/// <summary>Waits for a condition that another thread makes true (e.g. Kestrel accepting a connection).</summary>
internal static class Polling
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
