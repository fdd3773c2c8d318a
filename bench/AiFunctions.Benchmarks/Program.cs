using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(AiFunctions.Benchmarks.KernelPathBenchmarks).Assembly).Run(args);
