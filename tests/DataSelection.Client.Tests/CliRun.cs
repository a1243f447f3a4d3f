using DataSelection.Client;

namespace DataSelection.Client.Tests;

/// <summary>Runs the CLI in process and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DataSelectionCli.RunAsync(args, new CliContext(output, error, Interactive: false));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
