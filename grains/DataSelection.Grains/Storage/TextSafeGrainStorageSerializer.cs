using Orleans.Storage;

namespace DataSelection.Grains.Storage;

/// <summary>
/// Wraps a binary grain-state serializer so its output survives storage that keeps state as text:
/// the Redis provider stores <c>Serialize(state).ToString()</c>, a UTF-8 decoding that mangles the
/// bytes of the Orleans binary format. Base64 text round-trips exactly.
/// </summary>
public sealed class TextSafeGrainStorageSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        BinaryData.FromString(Convert.ToBase64String(inner.Serialize(input).ToMemory().Span));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return inner.Deserialize<T>(new BinaryData(Convert.FromBase64String(input.ToString())));
    }
}
