namespace MoneroNet.Epee.Tests;
