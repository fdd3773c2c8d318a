using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Reads an ISO 8601 date and time (System.Text.Json's extended ISO 8601-1:2019 profile) into a <see cref="DateTimeOffset"/>;
/// one without an offset (<c>2026-11-01T00:00:00</c>) is UTC, like the dates the API reads from query strings
/// (<c>DateTimeStyles.AssumeUniversal</c>), never the host's local time zone (System.Text.Json's default), so the same
/// body means the same instant on every host. Anything else is a <see cref="JsonException"/> (a 400 naming the field).
/// Writes the round-trip form.
/// </summary>
public sealed class UtcAssumedDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException("Expected an ISO 8601 date and time, e.g. 2026-11-01T00:00:00Z.");
        }

        // TryGetDateTime gives Kind Unspecified exactly when the text carries no offset ('Z' is Utc, '+hh:mm' Local).
        return reader.TryGetDateTime(out var local) && local.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(local, TimeSpan.Zero)
            : value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
