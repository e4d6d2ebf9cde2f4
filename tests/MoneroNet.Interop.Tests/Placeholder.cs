namespace MoneroNet.Interop.Tests;
