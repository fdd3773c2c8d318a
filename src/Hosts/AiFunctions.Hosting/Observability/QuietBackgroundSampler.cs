using OpenTelemetry.Trace;

namespace AiFunctions.Hosting.Observability;

/// <summary>
/// Root sampler that drops the background chatter of Azure SDK clients — the Durable storage backend polling its
/// queues, Service Bus receive loops, health probes — which would otherwise start a trace of its own several times a
/// second. A root span carrying the Azure SDK's <c>az.namespace</c> attribute is dropped; everything else is
/// recorded. Used inside <see cref="ParentBasedSampler"/>, so any Azure call made within a traced request, orchestration
/// or event is kept with its trace.
/// </summary>
public sealed class QuietBackgroundSampler : Sampler
{
    /// <summary>The attribute Azure.Core puts on every Azure SDK client span when it starts.</summary>
    public const string AzureNamespaceAttribute = "az.namespace";

    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == AzureNamespaceAttribute)
                {
                    return Drop;
                }
            }
        }

        return Keep;
    }
}
