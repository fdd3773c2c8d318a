using AiFunctions.HrFunctions.Checks;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.HrFunctions.Screening;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.HrFunctions.Tests;

public sealed class HrFunctionsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHrFunctions_registers_the_functions_and_checkers_as_singletons()
    {
        using var services = new ServiceCollection().AddHrFunctions().BuildServiceProvider();

        Assert.Same(services.GetRequiredService<ResumeScreeningFunction>(), services.GetRequiredService<ResumeScreeningFunction>());
        Assert.Same(services.GetRequiredService<JobDescriptionDraftFunction>(), services.GetRequiredService<JobDescriptionDraftFunction>());
        Assert.Same(services.GetRequiredService<InclusiveLanguageChecker>(), services.GetRequiredService<InclusiveLanguageChecker>());
        Assert.Same(services.GetRequiredService<RequiredSectionsChecker>(), services.GetRequiredService<RequiredSectionsChecker>());
    }

    [Fact]
    public void Calling_it_twice_registers_each_service_once()
    {
        var collection = new ServiceCollection().AddHrFunctions().AddHrFunctions();

        Assert.Single(collection, d => d.ServiceType == typeof(ResumeScreeningFunction));
        Assert.Single(collection, d => d.ServiceType == typeof(JobDescriptionDraftFunction));
    }
}
