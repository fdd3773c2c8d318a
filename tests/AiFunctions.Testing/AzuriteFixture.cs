using AiFunctions.DevServices;
using Xunit;

namespace AiFunctions.Testing;

/// <summary>
/// An Azurite for a test class or collection. When the environment variable <see cref="SharedVariable"/> holds a
/// connection string (CI starts one Azurite for the whole run), that one is used; otherwise Azurite is started from
/// the repository's npm lock (running <c>npm ci</c> first when node_modules/azurite is missing) on free loopback
/// ports with a temporary data folder, and killed by its PID on dispose. Give every test its own task hub and
/// table prefix (<see cref="UniqueName"/>) so tests sharing an Azurite do not see each other's data.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string SharedVariable = "AIFUNCTIONS_TEST_AZURITE";

    private AzuriteProcess? _process;
    private string? _location;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The PID of the Azurite this fixture started, or null when it uses a shared one.</summary>
    public int? Pid => _process?.Pid;

    public async Task InitializeAsync()
    {
        var shared = Environment.GetEnvironmentVariable(SharedVariable);
        if (!string.IsNullOrWhiteSpace(shared))
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
