using AiFunctions.Events.Contracts;

namespace AiFunctions.Events.Handling;

/// <summary>Base class for a handler of one event type whose data binds to <typeparamref name="TData"/> (version 1).</summary>
internal abstract class CloudEventHandler<TData> : ICloudEventHandler
    where TData : class, IEventData
{
    public abstract string EventType { get; }

    public virtual IReadOnlyCollection<int> SupportedVersions { get; } = [1];

    public abstract IdempotencyMode Idempotency { get; }

    public virtual Type DataTypeFor(int version) => typeof(TData);

    public Task<HandlerResult> HandleAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return HandleAsync(inbound, (TData)inbound.Data, cancellationToken);
    }

    protected abstract Task<HandlerResult> HandleAsync(InboundEvent inbound, TData data, CancellationToken cancellationToken);
}
