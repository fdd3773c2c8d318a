using System.Diagnostics;

namespace AiFunctions.DevServices;

/// <summary>
/// Azurite (blob, queue, table) started from the repository's own npm lock on free loopback ports, as one node
/// process whose PID this object owns: <see cref="DisposeAsync"/> kills exactly that process. Installs the lock
/// (<c>npm ci</c>) first when node_modules/azurite is missing.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The well-known Azurite development account key (public, documented by Azurite; not a secret).</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, string location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int Pid => _process.Id;

    public string Location { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevAccountKey + ";" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>
    /// Starts Azurite with its data in <paramref name="location"/> (created when missing). Throws when it does not
    /// listen within <paramref name="timeout"/>. With <paramref name="inMemory"/>, Azurite keeps everything in memory
    /// (nothing survives its exit; no periodic dump of the whole database to disk, which costs CPU under load).
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(string repoRoot, string location, TimeSpan timeout, Action<string>? log = null, bool inMemory = false, CancellationToken cancellationToken = default)
    {
        var script = await EnsureInstalledAsync(repoRoot, log, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(location);
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            script, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--disableTelemetry", "--silent", "--skipApiVersionCheck",
        })
        {
            start.ArgumentList.Add(arg);
        }

        // Azurite refuses --location together with --inMemoryPersistence.
        if (inMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node. Install Node.js (18 or later) and make sure 'node' is on PATH.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { log?.Invoke("azurite: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, location, blob, queue, table);
        foreach (var port in new[] { blob, queue, table })
        {
            if (!await FreePorts.WaitUntilListeningAsync(port, timeout, () => !process.HasExited, cancellationToken).ConfigureAwait(false))
            {
                var exited = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s";
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"Azurite {exited} (data folder {location}).");
            }
        }

        return azurite;
    }

    /// <summary>Returns the Azurite entry script, running <c>npm ci</c> in the repository first when it is missing.</summary>
    public static async Task<string> EnsureInstalledAsync(string repoRoot, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script))
        {
            return script;
        }

        // Several test processes may start at once: one runs npm ci, the others wait for its lock file.
        var runDir = Path.Combine(repoRoot, ".run");
        Directory.CreateDirectory(runDir);
        var lockPath = Path.Combine(runDir, "npm-ci.lock");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            FileStream? held = null;
            try
            {
                held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await using (held.ConfigureAwait(false))
            {
                if (!File.Exists(script))
                {
                    log?.Invoke("Installing Azurite from the project's npm lock (npm ci)...");
                    await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], repoRoot, cancellationToken).ConfigureAwait(false);
                }
            }

            return File.Exists(script)
                ? script
                : throw new InvalidOperationException($"npm ci finished but {script} is missing. Check package.json/package-lock.json at {repoRoot}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.KillAsync(_process).ConfigureAwait(false);
    }

    private static async Task RunAsync(string file, string[] args, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{file}'. Install Node.js and npm.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' failed with exit code {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }
    }
}
