namespace MoneroNet.P2P.Tests;
