namespace MoneroNet.Wire.Tests;
