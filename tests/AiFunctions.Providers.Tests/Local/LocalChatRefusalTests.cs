using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using AiFunctions.Providers.Local;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Providers.Tests.Local;

[Collection(MiniLmCollection.Name)]
public sealed class LocalChatRefusalTests(MiniLmFixture fixture)
{
    public static TheoryData<string> Models => [LocalModels.HrRules, LocalModels.MiniLM];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Chat_is_refused_as_not_supported_never_answered(string model)
    {
        using var services = LocalPluginHarness.Build(fixture.Encoder);
        var chat = services.GetRequiredKeyedService<IChatClient>(ProviderKeys.Chat(LocalPluginHarness.Instance, model));

        var error = await Assert.ThrowsAsync<ProviderException>(() => chat.GetResponseAsync("Write a job description for a nurse."));

        Assert.Equal(AiFailureReason.NotSupported, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(LocalPluginHarness.Instance, error.Instance);
        Assert.Contains("not a generative model", error.Message, StringComparison.Ordinal);
        Assert.Contains("Route chat to a generative provider", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Streaming_chat_is_refused_on_the_first_update(string model)
    {
        using var services = LocalPluginHarness.Build(fixture.Encoder);
        var chat = services.GetRequiredKeyedService<IChatClient>(ProviderKeys.Chat(LocalPluginHarness.Instance, model));
        var updates = 0;

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in chat.GetStreamingResponseAsync("Hello"))
            {
                updates++;
            }
        });

        Assert.Equal(AiFailureReason.NotSupported, error.Reason);
        Assert.Equal(0, updates);
    }

    [Fact]
    public void Chat_client_metadata_names_the_plugin_and_model()
    {
        using var services = LocalPluginHarness.Build(fixture.Encoder);
        var chat = services.GetRequiredKeyedService<IChatClient>(ProviderKeys.Chat(LocalPluginHarness.Instance, LocalModels.HrRules));

        var metadata = chat.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("local", metadata!.ProviderName);
        Assert.Equal(LocalModels.HrRules, metadata.DefaultModelId);
    }
}
