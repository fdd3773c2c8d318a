namespace AiFunctions.HrFunctions.Screening;

/// <summary>The keys of <see cref="ResumeScreeningFunction.ComparisonScores"/> (shadow pairs and replay comparisons).</summary>
public static class ScreeningScoreKeys
{
    /// <summary>The overall score, 0-100.</summary>
    public const string Overall = "overall";

    /// <summary>1 when every must-have is met, else 0.</summary>
    public const string MustHavesMet = "mustHavesMet";

    /// <summary>Evidence quotes given, all criteria together.</summary>
    public const string Evidence = "evidence";

    /// <summary>A criterion's score (0-100); with the suffix ":met", 1 when it is met, else 0.</summary>
    public static string Criterion(string id) => "criterion:" + id;
}
