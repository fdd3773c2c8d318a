using AiFunctions.ScreeningJob;

JobOptions options;
try
{
    options = JobOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// Ctrl-C and SIGTERM cancel the run; the finally blocks of the runner stop the host and Azurite by PID.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.Error.WriteLine("Stopping (Ctrl-C)...");
    cancellation.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    cancellation.Cancel();
});

try
{
    return await new JobRunner(options, Console.Out).RunAsync(cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; everything the job started has been stopped.");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException or ArgumentException)
{
    Console.Error.WriteLine("The screening job failed: " + ex.Message);
    return 1;
}
