using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Enums as their documented names only: a JSON string equal (ignoring case) to one member's name. Numbers (<c>1</c>),
/// comma lists (<c>"Approve, Reject"</c>), numeric strings (<c>"1"</c>) and unknown names are refused with a
/// <see cref="JsonException"/> that lists the accepted names. Written as the member name.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum;
    }

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly string[] Names = Enum.GetNames<TEnum>();

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text)
            {
                foreach (var name in Names)
                {
                    if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                    {
                        return Enum.Parse<TEnum>(name);
                    }
                }
            }

            throw new JsonException($"use one of {string.Join(", ", Names)} (a name, not a number or a list)");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.ToString());
        }
    }
}
