using AiFunctions.Events.Contracts;
using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Tests.Support;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Tests;

/// <summary>Intake mode Direct: handled in the request; poison → 400, transient → 503 so Event Grid retries.</summary>
public sealed class DirectIntakeTests
{
    private static async Task<WebhookResponse> PostAsync(RecordingHandler handler, object data)
    {
        var intake = new EventIntake(new DirectDispatchSink(Dispatchers.Create([handler])), Options.Create(new EventIntakeOptions { SharedKey = "k", Mode = IntakeMode.Direct }));
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, data, id: "direct-1"));
        return await intake.HandleAsync(new WebhookRequest("POST", _ => null, n => n == "code" ? "k" : null, EventIntake.CloudEventsContentType, body), default);
    }

    [Fact]
    public async Task A_good_event_is_handled_before_the_answer()
    {
        var handler = new RecordingHandler();

        var response = await PostAsync(handler, TestEvents.Hire("r1", "c1"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("direct-1", Assert.Single(handler.Handled).Id);
    }

    [Fact]
    public async Task An_invalid_event_is_a_400_naming_the_problem()
    {
        var response = await PostAsync(new RecordingHandler(), TestEvents.Hire("r1", "c1") with { RequisitionId = null });

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("'requisitionId' is required", response.ProblemDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_failure_is_a_503_with_retry_after()
    {
        var response = await PostAsync(new RecordingHandler { FailuresBeforeSuccess = 5 }, TestEvents.Hire("r1", "c1"));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("10", response.Headers["Retry-After"]);
    }
}
