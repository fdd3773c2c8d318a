using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>
/// <see cref="DurableTaskTestHost.StartAsync(Action{DurableTaskRegistry}, DurableTaskTestHostOptions?, CancellationToken)"/>
/// started again when its randomly chosen port is taken: the test host picks a random loopback port without checking
/// it, and one CI run lost a whole test class to "address already in use" while other fixtures held ports.
/// </summary>
internal static class TestDurableHost
{
    private const int Attempts = 5;

    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry, DurableTaskTestHostOptions options)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(registry, options);
            }
            catch (IOException e) when (attempt < Attempts && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Another random port on the next attempt.
            }
        }
    }
}
