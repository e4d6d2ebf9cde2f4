namespace MoneroNet.Levin.Tests;
