Console.WriteLine("moneronet 0.1.0");
