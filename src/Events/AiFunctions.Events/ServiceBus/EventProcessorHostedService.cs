using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// Hosts the handlers of one entity on a <see cref="ServiceBusProcessor"/>: peek-lock, AutoCompleteMessages = false
/// (the <see cref="EventMessageHandler"/> settles each message itself), lock renewal for slow handlers.
/// </summary>
internal sealed partial class EventProcessorHostedService(
    ServiceBusClient client,
    ProcessorBinding binding,
    EventMessageHandler handler,
    IOptions<ServiceBusEventsOptions> options,
    ILogger<EventProcessorHostedService> logger) : IHostedService, IAsyncDisposable
{
    private ServiceBusProcessor? _processor;

    public ProcessorBinding Binding => binding;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var processorOptions = new ServiceBusProcessorOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            AutoCompleteMessages = false,
            MaxConcurrentCalls = o.MaxConcurrentCalls,
            PrefetchCount = o.PrefetchCount,
            MaxAutoLockRenewalDuration = o.MaxAutoLockRenewalDuration,
        };
        _processor = binding.SubscriptionName is null
            ? client.CreateProcessor(binding.EntityName, processorOptions)
            : client.CreateProcessor(binding.EntityName, binding.SubscriptionName, processorOptions);
        _processor.ProcessMessageAsync += args => handler.ProcessAsync(new ProcessorEventMessage(args), binding, args.CancellationToken);
        _processor.ProcessErrorAsync += args =>
        {
            LogError(args.Exception, binding.Path, args.ErrorSource.ToString());
            return Task.CompletedTask;
        };
        await _processor.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(binding.Path, string.Join(", ", binding.EventTypes), o.MaxConcurrentCalls, o.PrefetchCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_processor is { } processor)
        {
            await ServiceBusShutdown.CloseQuietlyAsync(() => processor.StopProcessingAsync(cancellationToken), binding.Path, logger, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_processor is { } processor)
        {
            _processor = null;
            await ServiceBusShutdown.CloseQuietlyAsync(() => processor.DisposeAsync().AsTask(), binding.Path, logger).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event processor on {Entity} started for {EventTypes} (MaxConcurrentCalls {MaxConcurrentCalls}, prefetch {PrefetchCount})")]
    private partial void LogStarted(string entity, string eventTypes, int maxConcurrentCalls, int prefetchCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event processor on {Entity} reported an error ({ErrorSource})")]
    private partial void LogError(Exception exception, string entity, string errorSource);
}
