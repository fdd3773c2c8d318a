using System.Net;
using AiFunctions.FunctionApp.Http;
using AiFunctions.Hosting.Api;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Http;

/// <summary>The job description triggers called directly: they answer what the shared handlers answer.</summary>
public sealed class JobDescriptionHttpFunctionsTests
{
    private const string ValidBody = """
        {
          "jobDescriptionId": "jd-42",
          "tenant": "acme",
          "request": {
            "title": "Data Engineer",
            "department": "Analytics",
            "location": "Remote",
            "employmentType": "Full-time",
            "responsibilities": ["Build pipelines"],
            "requirements": ["SQL"],
            "niceToHaves": []
          }
        }
        """;

    private readonly Mock<IScreeningStore> store = new();
    private readonly Mock<DurableTaskClient> client = new("test");

    private JobDescriptionHttpFunctions Functions() => new(new JobDescriptionApi(store.Object, new AiFunctions.Hosting.Security.InMemoryFirstClaimStore(), NullLogger<JobDescriptionApi>.Instance));

    [Fact]
    public async Task Start_schedules_the_shared_orchestrator_and_answers_202_with_location()
    {
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("jobdescription-jd-42");

        var response = await Functions().StartJobDescription(FakeHttp.Request("POST", "/api/job-descriptions", ValidBody), client.Object);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/job-descriptions/jd-42", response.Header("Location"));
        Assert.Equal("jd-42", response.BodyJson().GetProperty("jobDescriptionId").GetString());
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == WorkflowNames.JobDescriptionOrchestrator),
            It.Is<object?>(input => ((JobDescriptionWorkflowRequest)input!).JobDescriptionId == "acme.jd-42"),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "jobdescription-acme.jd-42"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Start_with_malformed_json_answers_400_problem_details_and_schedules_nothing()
    {
        var response = await Functions().StartJobDescription(FakeHttp.Request("POST", "/api/job-descriptions", "{ not json"), client.Object);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        var problem = response.BodyJson();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.EndsWith("/malformed-json", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Start_with_an_invalid_request_answers_400_with_every_error()
    {
        const string body = """{ "jobDescriptionId": "bad id!", "request": null, "correlationId": "x" }""";

        var response = await Functions().StartJobDescription(FakeHttp.Request("POST", "/api/job-descriptions", body), client.Object);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = response.BodyJson();
        Assert.EndsWith("/validation", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task Get_of_an_unknown_id_answers_404_problem_details()
    {
        var response = await Functions().GetJobDescription(FakeHttp.Request("GET", "/api/job-descriptions/nope", contentType: null), "nope", client.Object);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.EndsWith("/not-found", response.BodyJson().GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_with_a_non_json_body_answers_what_the_standalone_host_answers_and_raises_no_event()
    {
        var api = new JobDescriptionApi(store.Object, new AiFunctions.Hosting.Security.InMemoryFirstClaimStore(), NullLogger<JobDescriptionApi>.Instance);
        var expected = await StandaloneResult.RunAsync(r => api.ReviewAsync(r, "jd-42", client.Object, CancellationToken.None), "POST", string.Empty, "text/plain");

        var response = await Functions().ReviewJobDescription(FakeHttp.Request("POST", "/api/job-descriptions/jd-42/review", string.Empty, contentType: "text/plain"), "jd-42", client.Object);

        Assert.InRange(expected.Status, 400, 499);
        Assert.Equal(expected.Status, (int)response.StatusCode);
        Assert.Equal(expected.Body, response.BodyText());
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
