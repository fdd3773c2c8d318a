namespace AiFunctions.Events.EventGrid;

/// <summary>
/// The HTTP event intake (<c>AiFunctions:Events:Intake</c>). Event Grid cannot sign webhook deliveries with a key of
/// ours, but it delivers to exactly the URL it was given, query included, and can add static delivery headers: so
/// the subscription is created with <c>…/api/events?code={SharedKey}</c> (or a delivery header
/// <see cref="KeyHeaderName"/>), and every request — handshakes included — must carry the key.
/// </summary>
public sealed class EventIntakeOptions
{
    public const string SectionName = "AiFunctions:Events:Intake";

    /// <summary>The shared key. Required when the intake is mapped; from configuration or Key Vault, never in code.</summary>
    public string? SharedKey { get; set; }

    /// <summary>Header that may carry the key instead of the <c>code</c> query parameter.</summary>
    public string KeyHeaderName { get; set; } = "X-Events-Key";

    /// <summary>Origins allowed in the CloudEvents webhook handshake; empty = any origin holding the key.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// The <c>WebHook-Allowed-Rate</c> this endpoint grants in the CloudEvents validation handshake (HTTP 1.1 Web Hooks for
    /// Event Delivery, section 4.2): a positive integer (requests per minute) or <c>*</c> (no limit). Always sent; a
    /// sender asking for less (<c>WebHook-Request-Rate</c>) is granted what it asked for. Default <c>*</c>.
    /// </summary>
    public string AllowedRate { get; set; } = "*";

    /// <summary>Largest request body accepted, bytes. Event Grid delivers at most 1 MB per request. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Where accepted events go: <see cref="IntakeMode.ServiceBus"/> (default: to the <c>hr-events</c> topic or the
    /// <c>screening-requests</c> queue, so the processor-hosted handlers retry and nothing is lost) or
    /// <see cref="IntakeMode.Direct"/> (handled in the request; a transient failure answers 503 and Event Grid retries).
    /// </summary>
    public IntakeMode Mode { get; set; } = IntakeMode.ServiceBus;
}
