namespace AiFunctions.Console.Tests.Support;

/// <summary>Waits for something the API reports to become true (every 250 ms, bounded).</summary>
public static class Poll
{
    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds or 30 s pass; returns the last value read.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= until)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after 30 s waiting for {what}.");
            }

            await Task.Delay(250);
        }
    }
}
