namespace AiFunctions.Host.Tests.Support;

/// <summary>
/// <see cref="TwoTargetHostFactory"/> with a price for the fake model (1,000 per million input tokens, 2,000 per million
/// output: a fake call of 120 + 60 tokens costs 0.24 EUR) and a daily budget of 10,000 tokens for <see cref="InMemoryHostFactory.Tenant"/>.
/// </summary>
public sealed class PricedHostFactory : TwoTargetHostFactory
{
    public PricedHostFactory()
    {
        Extra = new Dictionary<string, string>
        {
            ["AiFunctions:Pricing:gpt-4o-mini:InputPerMillion"] = "1000",
            ["AiFunctions:Pricing:gpt-4o-mini:OutputPerMillion"] = "2000",
            ["AiFunctions:Pricing:gpt-4o-mini:Currency"] = "EUR",
            ["AiFunctions:Budgets:contoso-daily:Tenant"] = Tenant,
            ["AiFunctions:Budgets:contoso-daily:Period"] = "Daily",
            ["AiFunctions:Budgets:contoso-daily:MaxTokens"] = "10000",
            ["AiFunctions:Budgets:everyone-monthly:MaxCost"] = "100",
        };
    }
}
