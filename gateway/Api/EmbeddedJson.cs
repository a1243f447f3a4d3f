using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataSelection.Gateway.Api;

/// <summary>
/// JSON the grains produced (a run's result, a Ledger entry's detail), embedded in a response or a
/// push as JSON rather than as an escaped string — and written as it is, without being parsed into
/// a document and written back, which every run would otherwise pay twice (its push and its answer).
/// </summary>
[JsonConverter(typeof(EmbeddedJsonConverter))]
public readonly record struct EmbeddedJson(string Text)
{
    /// <summary>The grains' JSON, or null when there is none.</summary>
    public static EmbeddedJson? From(string? json) => string.IsNullOrEmpty(json) ? null : new EmbeddedJson(json);
}

/// <summary>Writes <see cref="EmbeddedJson"/> raw (checked as it is copied); text that is not JSON after all is kept as a string rather than lost.</summary>
public sealed class EmbeddedJsonConverter : JsonConverter<EmbeddedJson>
{
    public override EmbeddedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new EmbeddedJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, EmbeddedJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (string.IsNullOrEmpty(value.Text))
        {
            writer.WriteNullValue();
            return;
        }
        try
        {
            writer.WriteRawValue(value.Text);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
