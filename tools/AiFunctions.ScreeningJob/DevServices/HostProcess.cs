using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AiFunctions.DevServices;

/// <summary>
/// The built standalone host (src/Hosts/AiFunctions.Host) run as a child process on a loopback port, with its output
/// in a log file. This object owns exactly that PID: <see cref="StopAsync"/> sends SIGTERM then SIGKILL,
/// <see cref="Kill"/> sends SIGKILL at once (crash tests).
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private HostProcess(Process process, StreamWriter log, int port, string logPath)
    {
        _process = process;
        _log = log;
        Port = port;
        LogPath = logPath;
    }

    public int Pid => _process.Id;

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The host's entry assembly for the configuration this program was built in.</summary>
    public static string LocateHostDll(string repoRoot) => LocateDll(repoRoot, Path.Combine("src", "Hosts", "AiFunctions.Host"), "AiFunctions.Host");

    /// <summary>The operator console's entry assembly (src/Console/AiFunctions.Console) for this program's configuration.</summary>
    public static string LocateConsoleDll(string repoRoot) => LocateDll(repoRoot, Path.Combine("src", "Console", "AiFunctions.Console"), "AiFunctions.Console");

    /// <summary>The built entry assembly of the project in <paramref name="projectFolder"/> (relative to the repository root).</summary>
    public static string LocateDll(string repoRoot, string projectFolder, string assemblyName)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(repoRoot, projectFolder, "bin", configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{assemblyName} is not built: {dll} is missing. Build it with 'dotnet build {projectFolder} -c {configuration}'.", dll);
    }

    /// <summary>
    /// Starts the host with the given settings (environment variables in <c>Section__Key</c> form, added to this
    /// process's environment) and waits until GET /health answers.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string hostDll, IReadOnlyDictionary<string, string> settings, string logPath, TimeSpan timeout, int port = 0, CancellationToken cancellationToken = default)
    {
        port = port == 0 ? FreePorts.Next() : port;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(hostDll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet'. Is the .NET SDK on PATH?");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, log, port, logPath);
        try
        {
            await host.WaitHealthyAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>SIGKILL, no shutdown code runs (what a crash looks like).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM (graceful stop), then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SendSignal(_process.Id, 15);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(grace).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                // Fall through to SIGKILL.
            }
        }

        Kill();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        await _log.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} during start-up; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
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
                // Slow start; try again.
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The host did not become healthy on {BaseAddress} within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }

    /// <summary>Appends one line of a child process's output to its log (thread-safe; ignores a log being disposed).</summary>
    internal static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The host is being disposed.
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
