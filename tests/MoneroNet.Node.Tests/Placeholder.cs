namespace MoneroNet.Node.Tests;
