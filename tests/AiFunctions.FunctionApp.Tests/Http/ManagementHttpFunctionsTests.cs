using System.Net;
using AiFunctions.FunctionApp.Http;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Http;

/// <summary>
/// The management triggers of the Functions app over the app's own composition (kernel, in-memory stores): a route
/// change is validated, recorded with the signed-in principal and applied to this worker's kernel; the same roles as the
/// standalone host apply.
/// </summary>
public sealed class ManagementHttpFunctionsTests : IDisposable
{
    private readonly ServiceProvider services;

    public ManagementHttpFunctionsTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AiFunctions:Storage:Store"] = "InMemory",
            ["AiFunctions:Events:Intake:SharedKey"] = "<test>",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddFunctionApp(configuration, Path.Combine(TestPaths.RepoRoot, "host.json"));
        services = collection.BuildServiceProvider();
    }

    private ManagementHttpFunctions Functions() => ActivatorUtilities.CreateInstance<ManagementHttpFunctions>(services);

    [Fact]
    public async Task A_route_change_is_recorded_with_the_principal_and_applied_to_this_workers_kernel()
    {
        const string body = """{"targets":[{"provider":"local","model":"hr-rules-v1"}],"timeout":"00:00:42"}""";

        var response = await Functions().ChangeRoute(FakeHttp.Request("PUT", "/api/manage/routes/screening?reason=shorter", body), "screening");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var version = response.BodyJson();
        Assert.Equal((1, "functions-test", "shorter"), (version.GetProperty("version").GetInt32(), version.GetProperty("changedBy").GetString(), version.GetProperty("reason").GetString()));
        Assert.Equal(TimeSpan.FromSeconds(42), services.GetRequiredService<IRouteOverrides>().Current("screening").Timeout);
    }

    [Fact]
    public async Task A_bad_change_is_400_naming_the_field_and_a_submitter_is_403()
    {
        const string bad = """{"targets":[{"provider":"nowhere","model":"hr-rules-v1"}]}""";

        var invalid = await Functions().ChangeRoute(FakeHttp.Request("PUT", "/api/manage/routes/screening", bad), "screening");
        var forbidden = await Functions().ChangeRoute(FakeHttp.Request("PUT", "/api/manage/routes/screening", bad, apiKey: FakeHttp.SubmitterKey), "screening");
        var usage = await Functions().GetUsage(FakeHttp.Request("GET", "/api/manage/usage?groupBy=model", contentType: null, apiKey: FakeHttp.SubmitterKey));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("'targets[0].provider' is 'nowhere'", invalid.BodyJson().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, usage.StatusCode);
    }

    [Fact]
    public async Task Usage_and_overview_answer_the_callers_tenant()
    {
        var usage = await Functions().GetUsage(FakeHttp.Request("GET", "/api/manage/usage?groupBy=model", contentType: null));
        var overview = await Functions().GetOverview(FakeHttp.Request("GET", "/api/manage/overview", contentType: null));

        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
        Assert.Equal(FakeHttp.Tenant, usage.BodyJson().GetProperty("tenant").GetString());
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal(60, overview.BodyJson().GetProperty("callsPerMinute").GetArrayLength());
    }

    public void Dispose() => services.Dispose();
}
