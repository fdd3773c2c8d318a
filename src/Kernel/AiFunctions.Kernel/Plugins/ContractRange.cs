namespace AiFunctions.Kernel.Plugins;

/// <summary>An inclusive-minimum, exclusive-maximum range of kernel contract versions, e.g. [1.0, 2.0).</summary>
public sealed record ContractRange(Version Minimum, Version MaximumExclusive)
{
    /// <summary>Every 1.x contract: what a plugin written against 1.0 supports.</summary>
    public static ContractRange Major1 { get; } = new(new Version(1, 0), new Version(2, 0));

    public bool Includes(Version version) => version >= Minimum && version < MaximumExclusive;

    public override string ToString() => $"[{Minimum}, {MaximumExclusive})";
}
