namespace AiFunctions.Events.Handlers;

/// <summary>A transient condition: the requisition's <c>hr.requisition.opened</c> event has not been handled yet.</summary>
internal sealed class RequisitionNotYetKnownException : Exception
{
    public RequisitionNotYetKnownException()
    {
    }

    public RequisitionNotYetKnownException(string requisitionId)
        : base($"Requisition '{requisitionId}' is not known yet: its hr.requisition.opened event has not been handled. The message is retried; if it ends in the dead-letter queue, send hr.requisition.opened and replay it.")
    {
    }

    public RequisitionNotYetKnownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
