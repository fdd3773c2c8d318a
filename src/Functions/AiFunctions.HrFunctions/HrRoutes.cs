namespace AiFunctions.HrFunctions;

/// <summary>The logical routes (<c>AiFunctions:Routes:{route}</c>) the HR functions run on.</summary>
public static class HrRoutes
{
    public const string Screening = "screening";

    public const string Drafting = "drafting";

    public const string Embedding = "embedding";
}
