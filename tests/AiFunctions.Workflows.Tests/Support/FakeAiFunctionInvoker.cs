using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Functions;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>
/// A deterministic stand-in for the kernel: records every input it receives and answers from the input alone.
/// Screening: a criterion is met when the resume mentions its text (case-insensitive); its score is 80 when met, 20
/// otherwise, plus 0-9 derived from a hash of the whole resume text — so any difference in what reaches the model
/// (a leaked name, an e-mail) changes the score.
/// </summary>
internal sealed class FakeAiFunctionInvoker : IAiFunctionInvoker
{
    private int _calls;

    public ConcurrentQueue<ScreeningInput> ScreeningInputs { get; } = new();

    public ConcurrentQueue<JobDescriptionRequest> DraftRequests { get; } = new();

    /// <summary>The ambient <see cref="AiCallContext"/> of every call.</summary>
    public ConcurrentQueue<AiCallContext> CallContexts { get; } = new();

    /// <summary>When it returns true for an input, the call throws (a provider outage for that candidate).</summary>
    public Func<ScreeningInput, bool>? FailWhen { get; set; }

    public TimeSpan Delay { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<AiFunctionResult<TOutput>> InvokeAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        CallContexts.Enqueue(AiCallContext.Current);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        object output = input switch
        {
            ScreeningInput screening => Score(screening),
            JobDescriptionRequest request => Draft(request),
            _ => throw new NotSupportedException($"The fake invoker does not serve {typeof(TInput).Name}."),
        };
        var provenance = new AiFunctionProvenance(aiFunction.Name, aiFunction.Version, aiFunction.Route, "fake-instance", "fake", "9.9.9", "fake-model", false, 1, false, DateTimeOffset.UnixEpoch);
        return new AiFunctionResult<TOutput>((TOutput)output, provenance, CallUsage.None);
    }

    public static int TextOffset(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[0] % 10;

    private ScreeningAssessment Score(ScreeningInput input)
    {
        ScreeningInputs.Enqueue(input);
        if (FailWhen?.Invoke(input) == true)
        {
            throw new InvalidOperationException("Simulated provider outage.");
        }

        var offset = TextOffset(input.ResumeText);
        var criteria = input.Criteria.Select(c =>
        {
            var met = input.ResumeText.Contains(c.Text, StringComparison.OrdinalIgnoreCase);
            return new CriterionAssessment(c.Id, (met ? 80 : 20) + offset, met, met ? [c.Text] : [], met ? "Mentioned." : "Not mentioned.");
        }).ToArray();
        var mustHavesMet = input.Criteria.Where(c => c.Kind == CriterionKind.MustHave).All(c => criteria.Single(a => a.CriterionId == c.Id).Met);
        var overall = (int)Math.Round(criteria.Average(c => c.Score));
        return new ScreeningAssessment(criteria, mustHavesMet, overall, [], "Fake assessment.");
    }

    private JobDescriptionDraft Draft(JobDescriptionRequest request)
    {
        DraftRequests.Enqueue(request);
        var revision = request.RevisionComments is { Count: > 0 } comments ? " Revised: " + string.Join("; ", comments) : string.Empty;
        return new JobDescriptionDraft(
            request.Title,
            "We are hiring a rockstar." + revision,
            request.Responsibilities,
            request.Requirements,
            request.NiceToHaves,
            "Health insurance.",
            string.Empty,
            $"# {request.Title}\nWe are hiring a rockstar.{revision}");
    }
}
