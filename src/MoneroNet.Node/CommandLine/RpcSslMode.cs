namespace MoneroNet.Node.CommandLine;

/// <summary>monerod's <c>--rpc-ssl</c> values: <c>enabled</c>, <c>disabled</c>, <c>autodetect</c> (the default).</summary>
public enum RpcSslMode
{
    Autodetect,
    Enabled,
    Disabled,
}
