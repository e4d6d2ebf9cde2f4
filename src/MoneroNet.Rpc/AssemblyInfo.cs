namespace MoneroNet.Rpc;
