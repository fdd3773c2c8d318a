namespace AiFunctions.Events.Handling;

/// <summary>How a handler makes a duplicate delivery of the same event do nothing new.</summary>
internal enum IdempotencyMode
{
    /// <summary>
    /// The handler starts an orchestration whose instance id is derived from the event (<see cref="EventKeys"/>): the
    /// second start of the same id is a no-op, so no separate record is needed.
    /// </summary>
    DeterministicInstance,

    /// <summary>The dispatcher keeps an idempotency record per event (Table storage) and skips events already recorded.</summary>
    Record,
}
