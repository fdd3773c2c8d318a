namespace AiFunctions.HrFunctions;

/// <summary>The logical routes (<c>AiFunctions:Routes:{route}</c>) the HR functions run on.</summary>
public static class HrRoutes
{
    public const string Screening = "screening";

    /// <summary>The deterministic (local rules) scorer a generative score of a flagged resume is compared with (docs/fairness.md).</summary>
    public const string ScreeningBaseline = "screening-baseline";

    public const string Drafting = "drafting";

    public const string Embedding = "embedding";
}
