namespace AiFunctions.Events.Contracts;

/// <summary>
/// <c>ai.provider.circuit-opened</c> v1: the kernel stopped sending calls to a provider target ("instance/model")
/// after repeated transient failures; calls go to the route's fallbacks until <see cref="BreakUntil"/>.
/// </summary>
internal sealed record ProviderCircuitOpenedV1(string Target, string Instance, string Model, DateTimeOffset OpenedAt, DateTimeOffset BreakUntil, string? Reason);
