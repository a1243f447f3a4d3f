namespace DataSelection.Client;

/// <summary>Where a command writes: JSON and summaries to <see cref="Out"/>, errors and progress to <see cref="Error"/>.</summary>
/// <param name="Interactive">True when a person watches standard error: progress bars are drawn.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, bool Interactive)
{
    public static CliContext FromConsole() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
