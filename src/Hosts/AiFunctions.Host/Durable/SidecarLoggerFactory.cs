namespace AiFunctions.Host.Durable;

/// <summary>
/// The host's logger factory as the Durable sidecar's embedded web app sees it, minus that app's own hosting and
/// ASP.NET Core messages: its "Now listening on" (the sidecar's loopback gRPC port, printed before the API's own
/// address) and a second "Application started" misled readers of the start-up log. The sidecar logs one line of its
/// own instead (<see cref="DurableSidecar"/>).
/// </summary>
internal sealed class SidecarLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private static readonly string[] Dropped = ["Microsoft.Hosting.Lifetime", "Microsoft.AspNetCore", "Microsoft.Extensions.Hosting"];

    public static bool IsDropped(string category) =>
        Dropped.Any(prefix => category.StartsWith(prefix, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) =>
        IsDropped(categoryName) ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The host owns the inner factory.
    }
}
