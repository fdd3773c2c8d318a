using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Functions;

namespace AiFunctions.Events.Tests.Support;

/// <summary>A stand-in for the kernel: every criterion met (evidence = the criterion text); records calls and the ambient correlation id.</summary>
internal sealed class FakeScreeningInvoker : IAiFunctionInvoker
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string? LastCorrelationId { get; private set; }

    public Task<AiFunctionResult<TOutput>> InvokeAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastCorrelationId = AiCallContext.Current.CorrelationId;
        if (input is not ScreeningInput screening)
        {
            throw new NotSupportedException($"The fake invoker only screens; it got {typeof(TInput).Name}.");
        }

        var criteria = screening.Criteria.Select(c => new CriterionAssessment(c.Id, 80, true, [c.Text], "Mentioned.")).ToArray();
        object output = new ScreeningAssessment(criteria, true, 80, [], "Fake assessment.");
        var provenance = new AiFunctionProvenance(aiFunction.Name, aiFunction.Version, aiFunction.Route, "fake", "fake", "1.0.0", "fake-model", false, 1, false, DateTimeOffset.UnixEpoch);
        return Task.FromResult(new AiFunctionResult<TOutput>((TOutput)output, provenance, CallUsage.None));
    }
}
