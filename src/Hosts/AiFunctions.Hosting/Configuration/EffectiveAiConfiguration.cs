using Microsoft.Extensions.Configuration;

namespace AiFunctions.Hosting.Configuration;

/// <summary>The configuration the composition root gave the kernel (the host's, over the offline defaults).</summary>
public sealed record EffectiveAiConfiguration(IConfiguration Root);
