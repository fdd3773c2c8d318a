namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// Who is calling the gateway, resolved from the key: the application (audit name), its tenant and the routes it may
/// use. Calls run under <c>AiCallContext(Tenant, "gateway:{App}")</c>, so the tenant's rate limits and budgets apply and
/// the usage ledger shows spending per application (workflow dimension).
/// </summary>
public sealed record GatewayCaller(string App, string Tenant, IReadOnlySet<string> Routes)
{
    public bool MayUse(string route) => Routes.Contains("*") || Routes.Contains(route);

    /// <summary><c>gateway:{App}</c>, built once (every call of the app runs under it).</summary>
    public string Workflow { get; } = "gateway:" + App;
}
