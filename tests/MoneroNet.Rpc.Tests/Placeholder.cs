namespace MoneroNet.Rpc.Tests;
