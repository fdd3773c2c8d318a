using System.Diagnostics;

namespace AiFunctions.DevServices;

/// <summary>Stopping a child process this program started (by its own <see cref="Process"/> object, so by PID).</summary>
public static class ChildProcess
{
    /// <summary>
    /// SIGKILL (that process only, not its tree), wait up to 10 s for it to be reaped, then release the handle. Never
    /// throws: a process already gone, or killed but not reaped in time, is nothing more to do.
    /// </summary>
    public static async Task KillAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already gone, or killed but not reaped in time.
        }

        process.Dispose();
    }
}
