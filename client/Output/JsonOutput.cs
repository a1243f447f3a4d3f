using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataSelection.Client.Output;

/// <summary>Writes a command's result as JSON with snake_case names, to a file or to standard output ("-").</summary>
public static class JsonOutput
{
    public const string StandardOutput = "-";

    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static async Task WriteAsync<T>(T value, string destination, TextWriter standardOutput, CancellationToken cancellationToken)
    {
        if (destination == StandardOutput)
        {
            await standardOutput.WriteLineAsync(JsonSerializer.Serialize(value, Options).AsMemory(), cancellationToken).ConfigureAwait(false);
            await standardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(destination));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        // Write beside the target and move into place, so a failed run never leaves half a file.
        var temporary = destination + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, value, Options, cancellationToken).ConfigureAwait(false);
        }
        File.Move(temporary, destination, overwrite: true);
    }
}
