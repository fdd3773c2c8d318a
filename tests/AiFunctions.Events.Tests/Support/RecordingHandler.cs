using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;

namespace AiFunctions.Events.Tests.Support;

/// <summary>
/// A handler for hr.employee.hired whose behaviour a test scripts: fail the first <see cref="FailuresBeforeSuccess"/>
/// calls (transient), take <see cref="Delay"/> per call (slow handler), and record every call.
/// </summary>
internal sealed class RecordingHandler : CloudEventHandler<EmployeeHiredV1>
{
    private int _calls;

    public override string EventType => HrEventTypes.EmployeeHired;

    public override IdempotencyMode Idempotency => IdempotencyMode.Record;

    public int FailuresBeforeSuccess { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>What a failing call throws (call number → exception). Default: a <see cref="TimeoutException"/> (transient).</summary>
    public Func<int, Exception> Failure { get; set; } = call => new TimeoutException($"Simulated transient failure {call}.");

    public int Calls => Volatile.Read(ref _calls);

    public List<(string Id, string CorrelationId, string AmbientCorrelationId)> Handled { get; } = [];

    public TaskCompletionSource FirstSuccess { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<HandlerResult> HandleAsync(InboundEvent inbound, EmployeeHiredV1 data, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (call <= FailuresBeforeSuccess)
        {
            throw Failure(call);
        }

        lock (Handled)
        {
            Handled.Add((inbound.Id, inbound.CorrelationId, AiFunctions.Kernel.Context.AiCallContext.Current.CorrelationId ?? string.Empty));
        }

        FirstSuccess.TrySetResult();
        return HandlerResult.Done();
    }
}
