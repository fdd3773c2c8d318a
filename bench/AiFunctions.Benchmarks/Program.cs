using AiFunctions.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// --cpu-clock: measure the benchmark thread's CPU time in process (ThreadCpuClock), for A/B runs on a loaded machine.
var cpuClock = args.Contains("--cpu-clock");
var config = cpuClock
    ? DefaultConfig.Instance.AddJob(Job.Default.WithClock(ThreadCpuClock.Instance).WithToolchain(InProcessEmitToolchain.Instance).WithId("thread-cpu"))
    : null;
BenchmarkSwitcher.FromAssembly(typeof(KernelPathBenchmarks).Assembly).Run([.. args.Where(a => a != "--cpu-clock")], config);
