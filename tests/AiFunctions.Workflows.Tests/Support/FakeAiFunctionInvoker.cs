using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
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

    /// <summary>When it returns true for an input, the call throws <see cref="Failure"/> (a provider outage for that candidate by default).</summary>
    public Func<ScreeningInput, bool>? FailWhen { get; set; }

    /// <summary>What a failing screening call throws. Default: a transient 503 from the provider.</summary>
    public Func<ScreeningInput, Exception> Failure { get; set; } = _ => new ProviderException(AiFailureReason.Unavailable, "fake-instance", "Simulated provider outage (503).", 503);

    /// <summary>When set and it returns an exception for a request, drafting throws it.</summary>
    public Func<JobDescriptionRequest, Exception?>? DraftFailure { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>
    /// Who answers a screening call (instance, model, generative), from the input and the ambient call context (e.g. its
    /// <see cref="AiCallContext.Targeting"/>). Default: fake-instance/fake-model, not generative.
    /// </summary>
    public Func<ScreeningInput, AiCallContext, (string Instance, string Model, bool Generative)>? Scorer { get; set; }

    /// <summary>The replica group an instance declares (<c>AiFunctions:Providers:{instance}:ReplicaGroup</c>); null: none.</summary>
    public Func<string, string?>? ReplicaGroupOf { get; set; }

    /// <summary>The overall score the deterministic baseline route ("screening-baseline") gives; null: the same score as the main route.</summary>
    public Func<ScreeningInput, int>? BaselineScore { get; set; }

    /// <summary>Whether the deterministic baseline passes the must-have gate; null: as the main route.</summary>
    public Func<ScreeningInput, bool>? BaselineMustHavesMet { get; set; }

    /// <summary>When set and it returns an exception for a baseline call, the baseline route throws it.</summary>
    public Func<ScreeningInput, Exception?>? BaselineFailure { get; set; }

    /// <summary>Calls on the baseline route.</summary>
    public ConcurrentQueue<ScreeningInput> BaselineInputs { get; } = new();

    /// <summary>When set, a screening call waits for the task it returns (a slow or stalled provider call for that input).</summary>
    public Func<ScreeningInput, Task>? Gate { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<AiFunctionResult<TOutput>> InvokeAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        CallContexts.Enqueue(AiCallContext.Current);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (Gate is not null && input is ScreeningInput gated)
        {
            await Gate(gated).WaitAsync(cancellationToken);
        }

        if (input is ScreeningInput baseline && aiFunction.Route == "screening-baseline")
        {
            BaselineInputs.Enqueue(baseline);
            if (BaselineFailure?.Invoke(baseline) is { } failure)
            {
                throw failure;
            }

            var assessment = Assess(baseline);
            var local = new AiFunctionProvenance(aiFunction.Name, aiFunction.Version, aiFunction.Route, "local", "local", "1.0.0", "hr-rules-v1", false, 1, false, DateTimeOffset.UnixEpoch);
            return new AiFunctionResult<TOutput>((TOutput)(object)(assessment with { OverallScore = BaselineScore?.Invoke(baseline) ?? assessment.OverallScore, MustHavesMet = BaselineMustHavesMet?.Invoke(baseline) ?? assessment.MustHavesMet }), local, CallUsage.None);
        }

        object output = input switch
        {
            ScreeningInput screening => Score(screening),
            JobDescriptionRequest request => Draft(request),
            _ => throw new NotSupportedException($"The fake invoker does not serve {typeof(TInput).Name}."),
        };
        var (instance, model, generative) = input is ScreeningInput scored && Scorer is not null ? Scorer(scored, AiCallContext.Current) : ("fake-instance", "fake-model", false);
        var provenance = new AiFunctionProvenance(aiFunction.Name, aiFunction.Version, aiFunction.Route, instance, "fake", "9.9.9", model, generative, 1, false, DateTimeOffset.UnixEpoch)
        {
            ReplicaGroup = ReplicaGroupOf?.Invoke(instance),
        };
        return new AiFunctionResult<TOutput>((TOutput)output, provenance, CallUsage.None);
    }

    public static int TextOffset(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[0] % 10;

    private ScreeningAssessment Score(ScreeningInput input)
    {
        ScreeningInputs.Enqueue(input);
        if (FailWhen?.Invoke(input) == true)
        {
            throw Failure(input);
        }

        return Assess(input);
    }

    private static ScreeningAssessment Assess(ScreeningInput input)
    {
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
        if (DraftFailure?.Invoke(request) is { } failure)
        {
            throw failure;
        }

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
