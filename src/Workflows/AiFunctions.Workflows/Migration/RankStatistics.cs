using MathNet.Numerics.Statistics;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// The statistics a migration comparison needs, pure and deterministic. Spearman's rho and quantiles come from
/// Math.NET Numerics; Kendall's tau-b (which Math.NET does not provide) is computed here by its definition.
/// </summary>
internal static class RankStatistics
{
    /// <summary>
    /// Kendall's tau-b of paired values: (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)), where n_c and n_d are the concordant and
    /// discordant pairs, n₀ = n(n−1)/2, and n₁, n₂ = Σ t(t−1)/2 over the groups of ties in x and in y (pairs tied in x
    /// or y are neither concordant nor discordant). Kendall (1945), "The treatment of ties in ranking problems".
    /// Null when fewer than two pairs or when either side is constant (the denominator is 0). O(n²).
    /// </summary>
    public static double? KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values and y {y.Count}; pass paired values.", nameof(y));
        }

        var n = x.Count;
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var dx = Math.Sign(x[i] - x[j]);
                var dy = Math.Sign(y[i] - y[j]);
                if (dx == 0)
                {
                    tiedX++;
                }

                if (dy == 0)
                {
                    tiedY++;
                }

                if (dx != 0 && dy != 0)
                {
                    if (dx == dy)
                    {
                        concordant++;
                    }
                    else
                    {
                        discordant++;
                    }
                }
            }
        }

        var pairs = (long)n * (n - 1) / 2;
        var denominator = Math.Sqrt((double)(pairs - tiedX) * (pairs - tiedY));
        return n < 2 || denominator == 0 ? null : (concordant - discordant) / denominator;
    }

    /// <summary>
    /// Spearman's rho: the Pearson correlation of the ranks, ties given their average rank (Math.NET
    /// <c>Correlation.Spearman</c>). Null when fewer than two pairs or when either side is constant.
    /// </summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values and y {y.Count}; pass paired values.", nameof(y));
        }

        if (x.Count < 2 || x.Distinct().Count() < 2 || y.Distinct().Count() < 2)
        {
            return null;
        }

        var rho = Correlation.Spearman(x, y);
        return double.IsNaN(rho) ? null : rho;
    }

    /// <summary>
    /// The <paramref name="p"/>-quantile (0-1) by linear interpolation between order statistics (Hyndman and Fan
    /// definition 7, the default of R, NumPy and Excel's PERCENTILE.INC; Math.NET <c>QuantileCustom</c> R7). Null when
    /// there are no values.
    /// </summary>
    public static double? Quantile(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var data = values.ToArray();
        return data.Length == 0 ? null : Statistics.QuantileCustom(data, p, QuantileDefinition.R7);
    }

    /// <summary>Jaccard index |A ∩ B| / |A ∪ B| and the intersection's size; 1 when both sets are empty.</summary>
    public static (double Jaccard, int Common) Overlap(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var setA = a.ToHashSet(StringComparer.Ordinal);
        var common = b.Distinct(StringComparer.Ordinal).Count(setA.Contains);
        var union = setA.Count + b.Distinct(StringComparer.Ordinal).Count() - common;
        return (union == 0 ? 1 : (double)common / union, common);
    }
}
