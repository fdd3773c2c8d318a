namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>Configuration section names the kernel reads (all under <c>AiFunctions</c>).</summary>
public static class AiKernelSections
{
    public const string Root = "AiFunctions";
    public const string Providers = "AiFunctions:Providers";
    public const string Routes = "AiFunctions:Routes";
    public const string Pricing = "AiFunctions:Pricing";
    public const string Budgets = "AiFunctions:Budgets";
    public const string RateLimits = "AiFunctions:RateLimits";
    public const string Redaction = "AiFunctions:Redaction";
    public const string Resilience = "AiFunctions:Resilience";
}
