using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace DataSelection.Grains.Storage;

/// <summary>
/// Grain state in the Orleans binary format, byte for byte what <see cref="OrleansGrainStorageSerializer"/>
/// writes, serialized into a buffer each thread keeps between writes: a write allocates only its exact-size
/// payload, not a buffer that doubles its way up to the state's size on every write. A student's state is
/// written on every workbench run, so at a class of thousands this is most of what storage allocates.
/// </summary>
public sealed class ReusedBufferGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    /// <summary>A thread's buffer is dropped after a state larger than this, so one huge write does not pin memory.</summary>
    public const int MaxKeptBytes = 1 << 20;

    private const int InitialBytes = 16 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public BinaryData Serialize<T>(T? input)
    {
        // Serialization is synchronous: nothing else runs on this thread between reset and copy.
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(InitialBytes);
        t_buffer = null;
        buffer.ResetWrittenCount();
        serializer.Serialize(input, buffer);
        var payload = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity <= MaxKeptBytes)
        {
            t_buffer = buffer;
        }
        return new BinaryData(payload);
    }

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return serializer.Deserialize<T>(input.ToMemory());
    }
}
