using AiFunctions.HrFunctions;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Functions;

namespace AiFunctions.LoadHarness;

/// <summary>The fake's screening answer: waits for a slot and the latency, then scores from a hash of the resume.</summary>
internal sealed class FakeScorer(TimeSpan latency, FakeProviderStats stats) : INativeAiFunction<ScreeningInput, ScreeningAssessment>
{
    public string FunctionName => HrFunctionNames.ScreenResume;

    public async Task<ScreeningAssessment> InvokeAsync(ScreeningInput input, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await stats.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        stats.Enter();
        try
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            stats.Exit();
            stats.Gate.Release();
        }

        var quote = input.ResumeText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.Length >= 20);
        var seed = (uint)input.ResumeText.Length * 2654435761u;
        var criteria = input.Criteria.Select((c, i) => new CriterionAssessment(
            c.Id, (int)((seed >> (i % 24)) % 60) + 40, Met: true, quote is null ? [] : [quote], "Fake assessment for load testing.")).ToArray();
        return new ScreeningAssessment(criteria, MustHavesMet: true, (int)(criteria.Average(c => c.Score)), [], "Fake assessment for load testing.");
    }
}
