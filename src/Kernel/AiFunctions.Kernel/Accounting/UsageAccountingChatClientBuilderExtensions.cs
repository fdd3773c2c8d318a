using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Accounting;

/// <summary><see cref="ChatClientBuilder"/> extension for <see cref="UsageAccountingChatClient"/>.</summary>
internal static class UsageAccountingChatClientBuilderExtensions
{
    /// <summary>Books the usage and cost of every answer from <paramref name="target"/> (streams: usage as snapshots).</summary>
    public static ChatClientBuilder UseUsageAccounting(this ChatClientBuilder builder, UsageAccountant accountant, RouteTarget target) =>
        builder.Use(inner => new UsageAccountingChatClient(inner, accountant, target));
}
