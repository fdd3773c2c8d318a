using AiFunctions.Events.ServiceBus;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Events.Tests;

/// <summary>A Service Bus link that cannot be closed cleanly at shutdown is logged, never a failed shutdown (nothing is lost: locks expire).</summary>
public sealed class ServiceBusShutdownTests
{
    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(ServiceBusException))]
    [InlineData(typeof(ObjectDisposedException))]
    public async Task A_failed_close_is_logged_by_its_type_and_entity_and_does_not_fail_the_shutdown(Type failure)
    {
        var logger = new ListLogger();
        var exception = failure == typeof(ObjectDisposedException) ? new ObjectDisposedException("link") : (Exception)Activator.CreateInstance(failure)!;

        await ServiceBusShutdown.CloseQuietlyAsync(() => Task.FromException(exception), "hr-events/requisitions", logger);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(failure.Name, entry.Message, StringComparison.Ordinal);
        Assert.Contains("hr-events/requisitions", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_close_cancelled_by_the_hosts_own_shutdown_token_still_reports_the_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ServiceBusShutdown.CloseQuietlyAsync(() => Task.FromCanceled(cancelled.Token), "hr-events", new ListLogger(), cancelled.Token));
    }

    [Fact]
    public async Task The_applications_client_disposes_without_throwing_when_its_namespace_never_answered()
    {
        // A client that never connected (nothing listens on port 1): disposing it must complete and not throw.
        var client = new ShutdownSafeServiceBusClient("Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true;", new ListLogger());
        await using (var sender = client.CreateSender("hr-events"))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Assert.ThrowsAnyAsync<Exception>(() => sender.SendMessageAsync(new ServiceBusMessage("x"), timeout.Token));
        }

        await client.DisposeAsync();
        Assert.True(client.IsClosed);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
