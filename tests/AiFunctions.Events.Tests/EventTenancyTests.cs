using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handlers;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Requisitions;
using AiFunctions.Events.Tests.Support;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Events.Tests;

/// <summary>
/// Event-started batches follow the API's rules: the tenant scopes the batch's keys, producers cannot name storage paths
/// (only upload ids of their tenant), and resumes are offloaded to blobs before the orchestration starts.
/// </summary>
public sealed class EventTenancyTests
{
    private readonly InMemoryRequisitionStore _requisitions = new();
    private readonly RecordingStarter _starter = new();
    private readonly InMemoryScreeningStore _store = new();

    private CloudEventDispatcher Dispatcher() => Dispatchers.Create(
    [
        new CandidateAppliedHandler(_requisitions, _starter, _store),
        new ScreeningRequestedHandler(_requisitions, _starter, _store),
        new RequisitionOpenedHandler(_requisitions),
    ]);

    private static ScreeningRequestedV1 Request(string batchId, CandidateV1 candidate) => new()
    {
        BatchId = batchId,
        RequisitionId = "r-1",
        Requisition = TestEvents.Requisition("r-1"),
        Candidates = [candidate],
    };

    [Fact]
    public async Task An_event_batch_is_scoped_to_the_events_tenant_and_its_resumes_are_offloaded()
    {
        var outcome = await Dispatcher().DispatchAsync(TestEvents.Json(TestEvents.Create(HrEventTypes.ScreeningRequested, Request("ev-1", new CandidateV1("c-1", "Sam Doe", "Python and SQL for six years.", null)))), null, default);

        Assert.Equal(DispatchDisposition.Handled, outcome.Disposition);
        var (_, input) = Assert.Single(_starter.Started).Value;
        var request = Assert.IsType<ScreeningBatchRequest>(input);
        Assert.Equal("default.ev-1", request.BatchId);
        Assert.Equal(WorkflowInstanceIds.Screening("default.ev-1"), outcome.InstanceId);
        var candidate = Assert.Single(request.Candidates);
        Assert.Null(candidate.ResumeText);
        Assert.Equal("Python and SQL for six years.", await _store.GetResumeAsync(candidate.ResumeBlobName!));
    }

    [Theory]
    [InlineData("../workflow-payloads/batches/other/batch.json")]
    [InlineData("other.ev-2/c-1.txt")]
    [InlineData("up-aaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_storage_path_in_an_event_is_dead_lettered_naming_the_field(string blobName)
    {
        var outcome = await Dispatcher().DispatchAsync(TestEvents.Json(TestEvents.Create(HrEventTypes.ScreeningRequested, Request("ev-2", new CandidateV1("c-1", "Sam Doe", null, blobName)))), null, default);

        Assert.Equal(DispatchDisposition.DeadLetter, outcome.Disposition);
        Assert.Equal(DeadLetterReasons.ValidationFailed, outcome.Reason);
        Assert.Contains("resumeBlobName", outcome.Description, StringComparison.Ordinal);
        Assert.Empty(_starter.Started);
    }

    [Fact]
    public async Task An_upload_id_of_the_events_tenant_becomes_that_uploads_blob()
    {
        var uploadId = ResumeUploads.NewId();
        await ResumeUploads.PutAsync(_store, "default", uploadId, "Uploaded resume text.");

        var outcome = await Dispatcher().DispatchAsync(TestEvents.Json(TestEvents.Create(HrEventTypes.ScreeningRequested, Request("ev-3", new CandidateV1("c-1", "Sam Doe", null, uploadId)))), null, default);

        Assert.Equal(DispatchDisposition.Handled, outcome.Disposition);
        var request = Assert.IsType<ScreeningBatchRequest>(Assert.Single(_starter.Started).Value.Input);
        Assert.Equal(ResumeUploads.BlobName("default", uploadId), Assert.Single(request.Candidates).ResumeBlobName);
    }

    [Theory]
    [InlineData("../other")]
    [InlineData("a.b")]
    [InlineData("ten ant")]
    public async Task A_tenant_attribute_that_is_not_a_tenant_id_is_dead_lettered(string tenant)
    {
        var cloudEvent = TestEvents.Create(HrEventTypes.ScreeningRequested, Request("ev-4", new CandidateV1("c-1", "Sam Doe", "Python.", null)));
        cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId] = tenant;

        var outcome = await Dispatcher().DispatchAsync(TestEvents.Json(cloudEvent), null, default);

        Assert.Equal(DeadLetterReasons.ValidationFailed, outcome.Reason);
        Assert.Contains(CloudEventAttributes.TenantId, outcome.Description, StringComparison.Ordinal);
    }
}
