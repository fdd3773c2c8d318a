using System.Diagnostics;
using System.Reflection;
using AiFunctions.DevServices;

namespace AiFunctions.ScreeningJob.Dashboard;

/// <summary>
/// The .NET Aspire dashboard from the Aspire.Dashboard.Sdk.linux-x64 package (restored with this project), run as a
/// child process owned by PID: unsecured, on loopback only, UI on one free port and OTLP (gRPC and HTTP) on two more.
/// Telemetry is kept in the dashboard's memory only, so it is gone when the dashboard stops.
/// </summary>
internal sealed class AspireDashboard : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private AspireDashboard(Process process, StreamWriter log, int uiPort, int otlpGrpcPort, int otlpHttpPort)
    {
        _process = process;
        _log = log;
        UiPort = uiPort;
        OtlpGrpcPort = otlpGrpcPort;
        OtlpHttpPort = otlpHttpPort;
    }

    public int Pid => _process.Id;

    public int UiPort { get; }

    public int OtlpGrpcPort { get; }

    public int OtlpHttpPort { get; }

    public Uri Url => new($"http://127.0.0.1:{UiPort}/");

    /// <summary>The OTLP/gRPC endpoint to give the host as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri OtlpEndpoint => new($"http://127.0.0.1:{OtlpGrpcPort}");

    /// <summary>Where the package's executable is (from the build: <c>$(NuGetPackageRoot)</c>).</summary>
    public static string? LocateExecutable()
    {
        var directory = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AspireDashboardDirectory")?.Value;
        var path = directory is null ? null : Path.Combine(directory, "Aspire.Dashboard");
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>Starts the dashboard and waits until its UI answers; throws (and stops it) when it does not.</summary>
    public static async Task<AspireDashboard> StartAsync(string executable, string logPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (ui, grpc, http) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ui}";
        start.Environment["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{grpc}";
        start.Environment["DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{http}";
        start.Environment["DOTNET_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) => HostProcess.Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => HostProcess.Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new AspireDashboard(process, log, ui, grpc, http);
        try
        {
            await dashboard.WaitReadyAsync(timeout, cancellationToken).ConfigureAwait(false);
            return dashboard;
        }
        catch
        {
            await dashboard.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the dashboard exited with code {_process.ExitCode} during start-up");
            }

            try
            {
                using var response = await http.GetAsync(Url, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && await FreePorts.WaitUntilListeningAsync(OtlpGrpcPort, TimeSpan.FromSeconds(1), cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow start.
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"the dashboard did not answer on {Url} within {timeout.TotalSeconds:0} s");
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.KillAsync(_process).ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
    }
}
