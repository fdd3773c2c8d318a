using System.Runtime.CompilerServices;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;
using AiFunctions.Providers.Local;
using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>
/// Each personal-data item of a resume is replaced once, before the prompt is built (so the spotlighting fence and the
/// shadow call key cannot depend on the name); the route's pipeline then finds nothing left; and a screening route that
/// does not redact is refused before anything is sent.
/// </summary>
public sealed class PersonalDataReplacedOnceTests
{
    private const string Resume = """
        Jane Q. Doe
        jane.doe@example.com · +1 (555) 123-4567 · 742 Evergreen Terrace, Springfield
        Date of birth: 1988-04-02

        Software engineer: led the Python platform team for 6 years; built C# services.
        """;

    private static readonly Criterion[] Criteria =
    [
        new("python", "Python services", CriterionKind.MustHave),
        new("csharp", "C# services", CriterionKind.NiceToHave),
    ];

    [Fact]
    public async Task The_pipeline_finds_no_personal_data_left_in_a_prepared_resume_and_the_stored_count_is_the_activitys()
    {
        await using var services = Services(redact: true, new StrongBox<int>());
        var result = await ScreenAsync(services, "once-1");

        Assert.Equal(CandidateResultStatus.Screened, result.Status);
        Assert.Equal(0, result.Provenance!.RedactedItems);
        Assert.True(result.RedactedItems >= 5, $"the name, e-mail, phone, address and birth date are counted once each; got {result.RedactedItems}");
    }

    [Fact]
    public async Task A_screening_route_that_does_not_redact_is_refused_before_the_model_is_called()
    {
        var calls = new StrongBox<int>();
        await using var services = Services(redact: false, calls);
        var result = await ScreenAsync(services, "once-2");

        Assert.Equal(CandidateResultStatus.Failed, result.Status);
        Assert.Contains("BadRequest", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, calls.Value);
    }

    private static async Task<CandidateResult> ScreenAsync(ServiceProvider services, string batchId)
    {
        var store = services.GetRequiredService<IScreeningStore>();
        var context = new Mock<TaskActivityContext>().Object;
        var request = new ScreeningBatchRequest(batchId, "contoso", new RequisitionSpec("req-se", "Software Engineer", "Build Python services.", Criteria),
            [new CandidateSubmission("c-1", "Jane Q. Doe", Resume)]);
        await new PersistBatchActivity(store).RunAsync(context, new PersistBatchInput(request, DateTimeOffset.UnixEpoch));
        var screened = await services.GetRequiredService<ScreenCandidateGroupActivity>()
            .RunAsync(context, new ScreenCandidateGroupInput(batchId, "contoso", ["c-1"], "corr", DateTimeOffset.UnixEpoch));
        Assert.Empty(screened.Retry);
        return (await store.GetResultAsync(batchId, "c-1"))!;
    }

    private static ServiceProvider Services(bool redact, StrongBox<int> calls)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Providers:obedient:Plugin"] = CountingModel.PluginId,
            ["AiFunctions:Providers:obedient:Models:0"] = ObedientModel.Model,
            ["AiFunctions:Routes:screening:Targets:0:Provider"] = "obedient",
            ["AiFunctions:Routes:screening:Targets:0:Model"] = ObedientModel.Model,
            ["AiFunctions:Routes:screening:Redact"] = redact ? "true" : "false",
            ["AiFunctions:Providers:local:Plugin"] = "local",
            ["AiFunctions:Providers:local:Models:0"] = "hr-rules-v1",
            ["AiFunctions:Providers:local:PresentDate"] = "2024-03-01",
            ["AiFunctions:Routes:screening-baseline:Targets:0:Provider"] = "local",
            ["AiFunctions:Routes:screening-baseline:Targets:0:Model"] = "hr-rules-v1",
            ["AiFunctions:Routes:drafting:Targets:0:Provider"] = "obedient",
            ["AiFunctions:Routes:drafting:Targets:0:Model"] = ObedientModel.Model,
            ["AiFunctions:Storage:Store"] = "InMemory",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiKernel(configuration, kernel => kernel.AddPlugin(new CountingModel.Plugin(calls)).AddLocalProvider());
        services.AddHrWorkflows(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The obedient model behind a counter of the requests that reached it.</summary>
    private sealed class CountingModel(IChatClient inner, StrongBox<int> calls) : DelegatingChatClient(inner)
    {
        public const string PluginId = "counting-obedient";

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref calls.Value);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        public sealed class Plugin(StrongBox<int> calls) : IProviderPlugin
        {
            public PluginManifest Manifest { get; } = new(PluginId, "Counts requests to the obedient model (test fake)", new Version(1, 0, 0), ContractRange.Major1, ProviderCapabilities.Chat, IsGenerative: true, "Test fake.");

            public void RegisterInstance(ProviderInstanceContext context) => context.AddChatClient(ObedientModel.Model, _ => new CountingModel(new ObedientModel(), calls));
        }
    }
}
