using AiFunctions.Events.Handlers;
using AiFunctions.Workflows.Failures;

namespace AiFunctions.Events.Handling;

/// <summary>
/// The failure taxonomy as the event side applies it: <see cref="FailureClassifier"/> (kernel, storage, Service Bus,
/// gRPC, network), plus the event side's own transient case, <see cref="RequisitionNotYetKnownException"/> (events on
/// different subscriptions arrive out of order).
/// </summary>
public static class EventFailures
{
    /// <summary>Reason of <see cref="RequisitionNotYetKnownException"/>.</summary>
    public const string RequisitionNotYetKnown = "RequisitionNotYetKnown";

    /// <summary>Classifies a handler or intake failure.</summary>
    public static ClassifiedFailure Classify(Exception exception) => exception switch
    {
        RequisitionNotYetKnownException e => new(RequisitionNotYetKnown, true, null, e.Message),
        _ => FailureClassifier.Classify(exception),
    };
}
