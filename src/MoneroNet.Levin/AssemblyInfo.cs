namespace MoneroNet.Levin;
