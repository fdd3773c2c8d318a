using System.Globalization;
using System.Threading.Channels;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Kernel.Resilience;
using Azure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Publishing;

/// <summary>
/// Turns the kernel's <see cref="ITargetHealth.CircuitOpened"/> notifications into <c>ai.provider.circuit-opened</c>
/// CloudEvents. The kernel raises them synchronously on the calling thread and handlers must not block, so the
/// notification is queued (bounded, oldest dropped) and published from a background loop. The event id is derived
/// from target and opening time, so a re-published notification keeps its id.
/// </summary>
internal sealed partial class CircuitOpenedPublisher(
    ITargetHealth health,
    IOutboundEventSink sink,
    IOptions<OutboundEventOptions> options,
    ILogger<CircuitOpenedPublisher> logger) : BackgroundService
{
    private readonly Channel<CircuitOpenedEventArgs> _queue = Channel.CreateBounded<CircuitOpenedEventArgs>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public static CloudEvent ToCloudEvent(CircuitOpenedEventArgs e, string source)
    {
        ArgumentNullException.ThrowIfNull(e);
        var data = new ProviderCircuitOpenedV1(e.Target, e.Instance, e.Model, e.OpenedAt, e.OpenedAt + e.BreakDuration, e.Reason);
        var id = EventKeys.For(AiEventTypes.ProviderCircuitOpened, e.Target, e.OpenedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        var cloudEvent = OutboundCloudEvents.Create(source, AiEventTypes.ProviderCircuitOpened, data);
        cloudEvent.Id = id;
        cloudEvent.Subject = "providers/" + e.Target;
        cloudEvent.Time = e.OpenedAt;
        cloudEvent.DataSchema = EventSchemas.OutboundFor(AiEventTypes.ProviderCircuitOpened).DataSchema.ToString();
        cloudEvent.ExtensionAttributes[CloudEventAttributes.CorrelationId] = id;
        return cloudEvent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        health.CircuitOpened += OnCircuitOpened;
        try
        {
            await foreach (var e in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await sink.SendAsync([ToCloudEvent(e, options.Value.Source)], stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPublishFailed(ex, e.Target);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            health.CircuitOpened -= OnCircuitOpened;
        }
    }

    private void OnCircuitOpened(object? sender, CircuitOpenedEventArgs e) => _queue.Writer.TryWrite(e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish ai.provider.circuit-opened for {Target}")]
    private partial void LogPublishFailed(Exception exception, string target);
}
