namespace AiFunctions.Events.DeadLetters;

/// <summary>What a replay did: messages sent back to the entity (and removed from its dead-letter queue).</summary>
public sealed record ReplayResult(string Entity, int Replayed, IReadOnlyList<string> MessageIds);
