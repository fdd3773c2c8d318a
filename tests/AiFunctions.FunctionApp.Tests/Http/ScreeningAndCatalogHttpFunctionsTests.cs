using System.Net;
using AiFunctions.FunctionApp.Http;
using AiFunctions.Hosting.Api;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Http;

/// <summary>The screening triggers and the health probe called directly.</summary>
public sealed class ScreeningAndCatalogHttpFunctionsTests
{
    private readonly Mock<IScreeningStore> store = new();
    private readonly Mock<DurableTaskClient> client = new("test");

    private ScreeningHttpFunctions Functions() =>
        new(new ScreeningApi(store.Object, new AiFunctions.Hosting.Security.InMemoryFirstClaimStore(), Options.Create(new ApiOptions()), NullLogger<ScreeningApi>.Instance));

    [Fact]
    public async Task Health_answers_200_healthy()
    {
        var response = await CatalogHttpFunctions.Health(FakeHttp.Request("GET", "/health", contentType: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", response.BodyJson().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Start_screening_with_no_candidates_answers_400_empty_batch()
    {
        const string body = """{ "batchId": "b-1", "tenant": "acme", "requisition": { "requisitionId": "r-1", "title": "Engineer" }, "candidates": [] }""";

        var response = await Functions().StartScreening(FakeHttp.Request("POST", "/api/screenings", body), client.Object);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("/empty-batch", response.BodyJson().GetProperty("type").GetString(), StringComparison.Ordinal);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Start_screening_with_a_wrong_content_type_answers_what_the_standalone_host_answers()
    {
        const string body = "batchId=b-1";
        const string contentType = "application/x-www-form-urlencoded";
        var functions = Functions();
        var api = new ScreeningApi(store.Object, new AiFunctions.Hosting.Security.InMemoryFirstClaimStore(), Options.Create(new ApiOptions()), NullLogger<ScreeningApi>.Instance);
        var expected = await StandaloneResult.RunAsync(r => api.StartAsync(r, client.Object, CancellationToken.None), "POST", body, contentType);

        var response = await functions.StartScreening(FakeHttp.Request("POST", "/api/screenings", body, contentType), client.Object);

        Assert.InRange(expected.Status, 400, 499);
        Assert.Equal(expected.Status, (int)response.StatusCode);
        Assert.Equal(expected.ContentType, response.Header("Content-Type"));
        Assert.Equal(expected.Body, response.BodyText());
    }

    [Fact]
    public async Task Status_of_an_invalid_id_answers_404_without_touching_the_task_hub()
    {
        var response = await Functions().GetScreening(FakeHttp.Request("GET", "/api/screenings/bad%20id", contentType: null), "bad id", client.Object);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        client.Verify(c => c.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Results_of_an_unknown_batch_answer_404_problem_details()
    {
        var response = await Functions().GetScreeningResults(FakeHttp.Request("GET", "/api/screenings/b-9/results", contentType: null), "b-9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = response.BodyJson();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("b-9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
