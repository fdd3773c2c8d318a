using AiFunctions.Kernel.Functions;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests.Support;

public sealed record ScoreInput(string CandidateName, string Resume);

public sealed record ScoreOutput(string Verdict, int Score, string Evidence);

/// <summary>A small AI function: score 0-100, and the evidence must be quoted verbatim from the resume.</summary>
public sealed class ScoreFunction(string route = "r") : AiFunction<ScoreInput, ScoreOutput>
{
    public override string Name => "test.score";

    public override string Version => "2026-11-27.1";

    public override string Route => route;

    public override IList<ChatMessage> BuildPrompt(ScoreInput input) =>
    [
        new(ChatRole.System, "Score the resume. Answer as JSON."),
        new(ChatRole.User, $"Candidate: {input.CandidateName}\n{input.Resume}"),
    ];

    public override IReadOnlyList<string> Validate(ScoreInput input, ScoreOutput output)
    {
        var problems = new List<string>();
        if (output.Score is < 0 or > 100)
        {
            problems.Add("/score: must be between 0 and 100");
        }

        if (!input.Resume.Contains(output.Evidence, StringComparison.Ordinal))
        {
            problems.Add("/evidence: must be quoted verbatim from the resume");
        }

        return problems;
    }

    public override IEnumerable<string> KnownNames(ScoreInput input) => [input.CandidateName];

    public override IReadOnlyDictionary<string, double> ComparisonScores(ScoreOutput output) =>
        new Dictionary<string, double> { ["score"] = output.Score };
}

public sealed class NativeScore(string name = "test.score", int score = 70) : INativeAiFunction<ScoreInput, ScoreOutput>
{
    public string FunctionName => name;

    public int Calls { get; private set; }

    public Task<ScoreOutput> InvokeAsync(ScoreInput input, string model, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(new ScoreOutput("native", score, input.Resume[..4]));
    }
}
