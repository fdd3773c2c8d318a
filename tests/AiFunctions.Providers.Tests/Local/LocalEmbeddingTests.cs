using AiFunctions.Kernel.Plugins;
using AiFunctions.Providers.Local;
using AiFunctions.Providers.Local.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Providers.Tests.Local;

[Collection(MiniLmCollection.Name)]
public sealed class LocalEmbeddingTests(MiniLmFixture fixture)
{
    private IEmbeddingGenerator<string, Embedding<float>> Generator() =>
        LocalPluginHarness.Build(fixture.Encoder)
            .GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(ProviderKeys.Embeddings(LocalPluginHarness.Instance, LocalModels.MiniLM));

    [Fact]
    public async Task Embeddings_are_384_dimensional_unit_vectors_with_zero_token_usage()
    {
        var result = await Generator().GenerateAsync(["Senior C# developer building cloud services.", "Store manager"]);

        Assert.Equal(2, result.Count);
        Assert.All(result, e => Assert.Equal(MiniLmEncoder.Dimensions, e.Vector.Length));
        Assert.All(result, e => Assert.Equal(1.0, Math.Sqrt(e.Vector.ToArray().Sum(x => (double)x * x)), 3));
        Assert.All(result, e => Assert.Equal(LocalModels.MiniLM, e.ModelId));
        Assert.NotNull(result.Usage);
        Assert.Equal(0, result.Usage!.InputTokenCount);
        Assert.Equal(0, result.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Similar_sentences_score_higher_than_unrelated_ones()
    {
        var result = await Generator().GenerateAsync(
        [
            "Designed and built scalable back-end services in Java and Python.",
            "Developed server-side software applications using Java.",
            "Arranged seasonal flowers for weddings and birthday parties.",
        ]);

        var related = MiniLmEncoder.Cosine(result[0].Vector.Span, result[1].Vector.Span);
        var unrelated = MiniLmEncoder.Cosine(result[0].Vector.Span, result[2].Vector.Span);
        Assert.True(related > unrelated + 0.3, $"related {related}, unrelated {unrelated}");
    }

    [Fact]
    public async Task The_same_text_always_gives_the_same_vector_whatever_it_is_encoded_with()
    {
        var generator = Generator();
        var alone = await generator.GenerateAsync(["Conducted regular code reviews."]);
        var together = await generator.GenerateAsync(["A much longer sentence about many other unrelated things that pads any batch.", "Conducted regular code reviews."]);

        Assert.Equal(alone[0].Vector.ToArray(), together[1].Vector.ToArray());
    }

    [Fact]
    public void The_model_is_loaded_once_and_shared_by_every_instance()
    {
        using var services = LocalPluginHarness.Build(fixture.Encoder);

        Assert.Same(fixture.Encoder, services.GetRequiredService<MiniLmEncoder>());
        Assert.True(fixture.Encoder.IsLoaded);
        Assert.NotNull(fixture.Encoder.LoadTime);
    }
}
