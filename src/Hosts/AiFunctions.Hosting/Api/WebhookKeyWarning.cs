using AiFunctions.Events.EventGrid;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Warns at start-up when the event webhook has no shared key: <c>POST /api/events</c> then answers 401 to every
/// delivery, which otherwise shows only as Event Grid retries. Not an error: a deployment without the webhook is valid.
/// </summary>
public sealed partial class WebhookKeyWarning(IOptions<EventIntakeOptions> intake, ILogger<WebhookKeyWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(intake.Value.SharedKey))
        {
            LogNoKey(EventIntakeOptions.SectionName + ":SharedKey", intake.Value.KeyHeaderName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event webhook POST /api/events has no key and answers 401 to every request: set {Setting} (environment variable AiFunctions__Events__Intake__SharedKey) and send it in the {Header} header or the 'code' query parameter")]
    private partial void LogNoKey(string setting, string header);
}
