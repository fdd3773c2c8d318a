using Xunit;
using System.Diagnostics;
using AiFunctions.Providers.Local.Embeddings;

namespace AiFunctions.Providers.Tests.Local;

/// <summary>One all-MiniLM-L6-v2 instance for every Local test (loading it takes seconds).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        var stopwatch = Stopwatch.StartNew();
        Encoder = new MiniLmEncoder();
        Encoder.EnsureLoaded();
        LoadTime = stopwatch.Elapsed;
    }

    public MiniLmEncoder Encoder { get; }

    public TimeSpan LoadTime { get; }

    public void Dispose() => Encoder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
