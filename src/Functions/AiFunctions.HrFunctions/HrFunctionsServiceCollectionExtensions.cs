using AiFunctions.HrFunctions.Checks;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.HrFunctions.Screening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFunctions.HrFunctions;

public static class HrFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the HR AI function definitions (<see cref="ResumeScreeningFunction"/>, <see cref="JobDescriptionDraftFunction"/>)
    /// and the deterministic checks (<see cref="InclusiveLanguageChecker"/>, <see cref="RequiredSectionsChecker"/>) as
    /// singletons. They are stateless; run them through the kernel's <c>IAiFunctionInvoker</c>.
    /// </summary>
    public static IServiceCollection AddHrFunctions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<InclusiveLanguageChecker>();
        services.TryAddSingleton<RequiredSectionsChecker>();
        services.TryAddSingleton<ResumeScreeningFunction>();
        services.TryAddSingleton(sp => new JobDescriptionDraftFunction(sp.GetRequiredService<RequiredSectionsChecker>()));
        return services;
    }
}
