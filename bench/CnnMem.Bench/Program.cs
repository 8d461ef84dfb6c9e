using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CnnMem.Bench.ChainBenchmarks).Assembly).Run(args);
