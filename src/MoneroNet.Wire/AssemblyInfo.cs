namespace MoneroNet.Wire;
