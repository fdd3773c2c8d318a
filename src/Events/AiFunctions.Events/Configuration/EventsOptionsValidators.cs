using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Publishing;
using AiFunctions.Events.ServiceBus;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Configuration;

/// <summary>
/// Start-up checks of the Events options (registered with <c>ValidateOnStart</c>): each failure names the setting by
/// its configuration path, the value found and the fix, so a bad setting stops the host before it takes a message.
/// </summary>
internal sealed class EventHandlingOptionsValidator : IValidateOptions<EventHandlingOptions>
{
    public ValidateOptionsResult Validate(string? name, EventHandlingOptions options)
    {
        var s = EventHandlingOptions.SectionName;
        var problems = new OptionsProblems();
        problems.Range($"{s}:InHandlerRetries", options.InHandlerRetries, 0, 10, "retries inside one delivery before the message is given back");
        problems.NotNegative($"{s}:InHandlerRetryDelay", options.InHandlerRetryDelay);
        problems.NotNegative($"{s}:AbandonBackoff", options.AbandonBackoff);
        if (options.MaxAbandonBackoff < options.AbandonBackoff)
        {
            problems.Add($"'{s}:MaxAbandonBackoff' is {options.MaxAbandonBackoff}, below '{s}:AbandonBackoff' ({options.AbandonBackoff}). Set it to at least the first backoff.");
        }

        return problems.Result();
    }
}

internal sealed class EventIntakeOptionsValidator : IValidateOptions<EventIntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, EventIntakeOptions options)
    {
        var s = EventIntakeOptions.SectionName;
        var problems = new OptionsProblems();
        if (string.IsNullOrWhiteSpace(options.KeyHeaderName) || !options.KeyHeaderName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add($"'{s}:KeyHeaderName' is '{options.KeyHeaderName}'. Use an HTTP header name (letters, digits, '-'), e.g. X-Events-Key.");
        }

        // Event Grid delivers at most 1 MB per request, a CloudEvents batch at most 1 MB per event: 64 MiB is far past any real delivery.
        problems.Range($"{s}:MaxBodyBytes", options.MaxBodyBytes, 1024, 64 * 1024 * 1024, "bytes of one request body (Event Grid sends at most 1 MB)");
        if (options.AllowedRate is { } rate && rate != "*" && !(int.TryParse(rate, out var perMinute) && perMinute > 0))
        {
            problems.Add($"'{s}:AllowedRate' is '{rate}'. Use a positive number of requests per minute or '*' (CloudEvents webhook spec, WebHook-Allowed-Rate), or remove it.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            problems.Add($"'{s}:Mode' is '{options.Mode}'. Use ServiceBus or Direct.");
        }

        return problems.Result();
    }
}

internal sealed class OutboundEventOptionsValidator : IValidateOptions<OutboundEventOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboundEventOptions options)
    {
        var s = OutboundEventOptions.SectionName;
        var problems = new OptionsProblems();
        if (string.IsNullOrWhiteSpace(options.Source) || !Uri.TryCreate(options.Source, UriKind.RelativeOrAbsolute, out _))
        {
            problems.Add($"'{s}:Source' is '{options.Source}'. Use a URI-reference (CloudEvents 'source'), e.g. /aifunctions.");
        }

        switch (options.Kind)
        {
            case OutboundKind.EventGrid when options.TopicEndpoint is not { IsAbsoluteUri: true } endpoint || endpoint.Scheme != Uri.UriSchemeHttps:
                problems.Add($"'{s}:Kind' is EventGrid but '{s}:TopicEndpoint' is '{options.TopicEndpoint}'. Set the topic's https endpoint, e.g. https://my-topic.westeurope-1.eventgrid.azure.net/api/events (and TopicKey, or grant the app's managed identity 'EventGrid Data Sender').");
                break;
            case OutboundKind.ServiceBus when string.IsNullOrWhiteSpace(options.ServiceBusEntity):
                problems.Add($"'{s}:Kind' is ServiceBus but '{s}:ServiceBusEntity' is empty. Name the topic or queue, e.g. ai-events.");
                break;
            case OutboundKind.None or OutboundKind.EventGrid or OutboundKind.ServiceBus:
                break;
            default:
                problems.Add($"'{s}:Kind' is '{options.Kind}'. Use None, EventGrid or ServiceBus.");
                break;
        }

        return problems.Result();
    }
}

internal sealed class ServiceBusEventsOptionsValidator : IValidateOptions<ServiceBusEventsOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceBusEventsOptions options)
    {
        var c = ServiceBusEventsOptions.ConnectionSectionName;
        var s = ServiceBusEventsOptions.SectionName;
        var problems = new OptionsProblems();
        if (!string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace) && Uri.CheckHostName(options.FullyQualifiedNamespace) != UriHostNameType.Dns)
        {
            problems.Add($"'{c}:FullyQualifiedNamespace' is '{options.FullyQualifiedNamespace}'. Use the namespace's host name only, e.g. my-namespace.servicebus.windows.net (no scheme, no path).");
        }

        if (!options.HasConnection)
        {
            return problems.Result();
        }

        problems.NotEmpty($"{s}:EntityConfigurationPath", options.EntityConfigurationPath, "the emulator-format entity file, e.g. infra/servicebus/Config.json");
        problems.NotEmpty($"{s}:HrEventsTopic", options.HrEventsTopic, "the topic the HR events arrive on, e.g. hr-events");
        problems.NotEmpty($"{s}:ScreeningRequestsQueue", options.ScreeningRequestsQueue, "the queue of batch screening requests, e.g. screening-requests");
        problems.Range($"{s}:MaxConcurrentCalls", options.MaxConcurrentCalls, 1, 1000, "concurrent handler calls per processor");
        problems.Range($"{s}:PrefetchCount", options.PrefetchCount, 0, 10000, "messages prefetched per processor (keep it well under lock duration × throughput)");
        problems.NotNegative($"{s}:MaxAutoLockRenewalDuration", options.MaxAutoLockRenewalDuration);
        return problems.Result();
    }
}
