namespace MoneroNet.P2P;
