using System.Net;
using AiFunctions.Events.EventGrid;
using AiFunctions.FunctionApp.Http;
using AiFunctions.Hosting.Api;
using Azure.Messaging;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Http;

/// <summary>The event triggers: /api/events over the events library's intake (keys, handshake, hand-over, bad input), dead letters.</summary>
public sealed class EventHttpFunctionsTests
{
    private const string Key = "intake-key-for-tests";
    private readonly Mock<IInboundEventSink> sink = new();

    private EventHttpFunctions Functions() =>
        new(new EventApi(new EventIntake(sink.Object, Options.Create(new EventIntakeOptions { SharedKey = Key }))));

    [Fact]
    public async Task Without_the_key_answers_401_problem_details()
    {
        var response = await Functions().ReceiveEvents(FakeHttp.Request("POST", "/api/events", "[]"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(401, response.BodyJson().GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Cloud_events_handshake_answers_the_allowed_origin()
    {
        var request = FakeHttp.Request("OPTIONS", $"/api/events?code={Key}", contentType: null, headers: new Dictionary<string, string> { ["WebHook-Request-Origin"] = "eventgrid.azure.net" });

        var response = await Functions().ReceiveEvents(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Header("WebHook-Allowed-Origin"));
    }

    [Fact]
    public async Task A_known_cloud_event_is_handed_to_the_sink_and_acknowledged()
    {
        const string body = """
            { "specversion": "1.0", "id": "e-1", "source": "/hr", "type": "hr.employee.hired", "datacontenttype": "application/json", "data": { "employeeId": "x" } }
            """;
        var request = FakeHttp.Request("POST", "/api/events", body, contentType: EventIntake.CloudEventsContentType, headers: new Dictionary<string, string> { ["X-Events-Key"] = Key });

        var response = await Functions().ReceiveEvents(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, response.BodyJson().GetProperty("accepted").GetInt32());
        sink.Verify(s => s.AcceptAsync(It.Is<IReadOnlyList<CloudEvent>>(e => e.Count == 1 && e[0].Id == "e-1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_body_that_is_not_events_answers_400_and_accepts_nothing()
    {
        var response = await Functions().ReceiveEvents(FakeHttp.Request("POST", $"/api/events?code={Key}", "\"hello\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, response.BodyJson().GetProperty("status").GetInt32());
        sink.Verify(s => s.AcceptAsync(It.IsAny<IReadOnlyList<CloudEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Dead_letters_without_service_bus_answer_503_problem_details()
    {
        var response = await Functions().ListDeadLetters(FakeHttp.Request("GET", "/api/deadletters/screening-requests?max=5", contentType: null), "screening-requests");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("AiFunctions:ServiceBus", response.BodyJson().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
