using AiFunctions.DevServices;
using Xunit;

namespace AiFunctions.Testing;

/// <summary>
/// An Azurite for a test class or collection, started from the repository's npm lock (running <c>npm ci</c> first when
/// node_modules/azurite is missing) on free loopback ports with a temporary data folder and
/// <c>--skipApiVersionCheck</c>, and killed by its PID on dispose. It deliberately does not reuse an Azurite the CI
/// script started (<see cref="SharedVariable"/>) unless <see cref="ReuseSharedVariable"/> is also set: Azure.Storage.Blobs
/// 12.30.1 sends API version 2026-10-06, which Azurite 3.37.0 refuses unless started with --skipApiVersionCheck, and
/// an Azurite of our own also isolates the crash tests. Give every test its own task hub and table prefix
/// (<see cref="UniqueName"/>) anyway.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string SharedVariable = "AIFUNCTIONS_TEST_AZURITE";

    /// <summary>Set to "true" to use the Azurite named by <see cref="SharedVariable"/> (it must run with --skipApiVersionCheck).</summary>
    public const string ReuseSharedVariable = "AIFUNCTIONS_TEST_AZURITE_REUSE";

    private AzuriteProcess? _process;
    private string? _location;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The PID of the Azurite this fixture started, or null when it uses a shared one.</summary>
    public int? Pid => _process?.Pid;

    public async Task InitializeAsync()
    {
        var shared = Environment.GetEnvironmentVariable(SharedVariable);
        if (!string.IsNullOrWhiteSpace(shared) && string.Equals(Environment.GetEnvironmentVariable(ReuseSharedVariable), "true", StringComparison.OrdinalIgnoreCase))
        {
            ConnectionString = shared;
            return;
        }

        _location = Path.Combine(Path.GetTempPath(), "aifunctions-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        _process = await AzuriteProcess.StartAsync(RepoRoot.Find(), _location, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        ConnectionString = _process.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        if (_location is not null)
        {
            try
            {
                Directory.Delete(_location, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the exiting process; the temp folder is cleaned by the OS later.
            }
        }
    }

    /// <summary>A name of letters and digits, unique per call: task hubs, table prefixes.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];
}
