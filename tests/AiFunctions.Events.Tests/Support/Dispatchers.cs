using AiFunctions.Events.Handlers;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Idempotency;
using AiFunctions.Events.Orchestration;
using AiFunctions.Events.Requisitions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Tests.Support;

internal static class Dispatchers
{
    public static EventHandlingOptions FastRetries() => new()
    {
        InHandlerRetries = 0,
        InHandlerRetryDelay = TimeSpan.FromMilliseconds(10),
        AbandonBackoff = TimeSpan.FromMilliseconds(50),
        MaxAbandonBackoff = TimeSpan.FromMilliseconds(200),
    };

    public static CloudEventDispatcher Create(IEnumerable<ICloudEventHandler> handlers, IIdempotencyStore? idempotency = null, EventHandlingOptions? options = null) =>
        new(handlers, idempotency ?? new InMemoryIdempotencyStore(), Options.Create(options ?? FastRetries()), NullLogger<CloudEventDispatcher>.Instance);

    /// <summary>The five real handlers over in-memory stores and the given starter.</summary>
    public static ICloudEventHandler[] RealHandlers(IRequisitionStore requisitions, IOrchestrationStarter starter) =>
    [
        new CandidateAppliedHandler(requisitions, starter),
        new ScreeningRequestedHandler(requisitions, starter),
        new RequisitionOpenedHandler(requisitions),
        new RequisitionClosedHandler(requisitions),
        new EmployeeHiredHandler(requisitions),
    ];
}
