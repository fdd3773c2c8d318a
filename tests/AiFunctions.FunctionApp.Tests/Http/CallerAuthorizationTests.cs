using System.Net;
using System.Text;
using System.Text.Json;
using AiFunctions.FunctionApp.Http;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Security;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Http;

/// <summary>
/// The Functions app applies the same principal and route policies as the standalone host, after the platform's function
/// key: API key, and App Service Authentication's X-MS-CLIENT-PRINCIPAL when enabled.
/// </summary>
public sealed class CallerAuthorizationTests
{
    private readonly Mock<IScreeningStore> store = new();
    private readonly Mock<DurableTaskClient> client = new("test");

    private ScreeningHttpFunctions Screening() =>
        new(new ScreeningApi(store.Object, new InMemoryFirstClaimStore(), Options.Create(new ApiOptions()), NullLogger<ScreeningApi>.Instance));

    [Fact]
    public async Task Without_credentials_a_protected_trigger_answers_401_problem_details()
    {
        var response = await Screening().GetScreening(FakeHttp.Request("GET", "/api/screenings/b-1", contentType: null, apiKey: ""), "b-1", client.Object);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.EndsWith("/unauthorized", response.BodyJson().GetProperty("type").GetString(), StringComparison.Ordinal);
        client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_caller_without_the_routes_role_answers_403_naming_the_role()
    {
        var response = await Screening().ReviewScreening(FakeHttp.Request("POST", "/api/screenings/b-1/review", """{"decision":"Approve"}""", apiKey: FakeHttp.SubmitterKey), "b-1", client.Object);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Reviewer", response.BodyJson().GetProperty("detail").GetString(), StringComparison.Ordinal);
        client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_app_service_principal_with_the_role_gets_through()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "name",
            role_typ = "roles",
            claims = new[] { new { typ = "name", val = "easy.auth@acme.example" }, new { typ = "tenant", val = "acme" }, new { typ = "roles", val = "Reviewer" } },
        })));
        var request = FakeHttp.Request("GET", "/api/screenings/b-1", contentType: null, apiKey: "", headers: new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = principal });

        var response = await Screening().GetScreening(request, "b-1", client.Object);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // past authorization: the batch does not exist
    }

    [Fact]
    public async Task A_forged_app_service_principal_without_a_tenant_is_401()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"claims":[{"typ":"name","val":"x"},{"typ":"roles","val":"Operator"}]}"""));
        var request = FakeHttp.Request("GET", "/api/screenings/b-1", contentType: null, apiKey: "", headers: new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = principal });

        var response = await Screening().GetScreening(request, "b-1", client.Object);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("tenant", response.BodyJson().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_probe_stays_anonymous()
    {
        var response = await CatalogHttpFunctions.Health(FakeHttp.Request("GET", "/health", contentType: null, apiKey: ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
