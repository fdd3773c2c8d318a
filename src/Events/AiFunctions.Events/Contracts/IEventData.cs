namespace AiFunctions.Events.Contracts;

/// <summary>
/// A versioned event data payload. <see cref="Validate"/> lists every problem (field name and what is wrong), so a
/// dead-lettered message says all that must be fixed, not only the first thing.
/// </summary>
internal interface IEventData
{
    IEnumerable<string> Validate();
}
