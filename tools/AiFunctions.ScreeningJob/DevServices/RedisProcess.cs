using System.Diagnostics;
using System.Globalization;

namespace AiFunctions.DevServices;

/// <summary>
/// A private <c>redis-server</c> (the Debian package) on a free loopback port, as one process whose PID this object owns:
/// <see cref="DisposeAsync"/> kills exactly that process. No persistence (<c>--save "" --appendonly no</c>): the data
/// lives as long as the process, like the main job's fresh Azurite; kernel state survives a restart of the hosts
/// using it, not of this server.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, string executable, int port)
    {
        _process = process;
        Executable = executable;
        Port = port;
    }

    public int Pid => _process.Id;

    public int Port { get; }

    public string Executable { get; }

    /// <summary>The StackExchange.Redis configuration string for <c>AiFunctions:SharedState:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The installed redis-server (PATH, then /usr/bin, /usr/local/bin, /usr/sbin), or null when there is none.</summary>
    public static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin").Append("/usr/sbin")
            .Select(d => Path.Combine(d, "redis-server"))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts redis-server and waits until it accepts connections. Throws when it is not installed (naming the Debian
    /// package) or does not listen within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<RedisProcess> StartAsync(TimeSpan timeout, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var executable = Locate() ?? throw new InvalidOperationException(
            "redis-server is not installed. Install the Debian package: apt-get install -y redis-server (.ci/run does).");
        var port = FreePorts.Next();
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "yes", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { log?.Invoke("redis-server: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new RedisProcess(process, executable, port);
        if (!await FreePorts.WaitUntilListeningAsync(port, timeout, () => !process.HasExited, cancellationToken).ConfigureAwait(false))
        {
            var exited = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s";
            await redis.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"redis-server {exited}.");
        }

        return redis;
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.KillAsync(_process).ConfigureAwait(false);
    }
}
