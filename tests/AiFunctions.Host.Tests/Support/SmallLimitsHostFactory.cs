namespace AiFunctions.Host.Tests.Support;

/// <summary>The in-memory host with a batch limit of 5 candidates and a resume limit of 2,000 characters.</summary>
public sealed class SmallLimitsHostFactory : InMemoryHostFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["AiFunctions:Api:MaxCandidatesPerBatch"] = "5",
        ["AiFunctions:Api:MaxResumeCharacters"] = "2000",
    };
}
