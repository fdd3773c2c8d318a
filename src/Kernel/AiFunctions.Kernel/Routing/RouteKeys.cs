namespace AiFunctions.Kernel.Routing;

/// <summary>
/// DI keys of the per-route clients the kernel registers: <c>sp.GetRequiredKeyedService&lt;IChatClient&gt;(RouteKeys.Chat("screening"))</c>
/// gives a client that routes, fails over, retries, rate-limits, budgets, redacts and accounts.
/// </summary>
public static class RouteKeys
{
    public static string Chat(string route) => $"route:{route}";

    public static string Embeddings(string route) => $"route:{route}#embeddings";
}
