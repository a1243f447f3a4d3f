using DataSelection.Client.Input;

namespace DataSelection.Client.Commands;

/// <summary>Exit codes and the one place a command's failures become a clear message.</summary>
public static class CommandRunner
{
    public const int Success = 0;
    public const int UsageError = 1;
    public const int BadInput = 2;
    public const int GatewayFailed = 3;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(CliContext context, Func<Task> command)
    {
        try
        {
            await command().ConfigureAwait(false);
            return Success;
        }
        catch (InputFileException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }
        catch (Simulation.Dedup.CorpusFormatException e)
        {
            await context.Error.WriteLineAsync($"error: {e.File}:{e.Line}:{e.Column}: {e.Reason}").ConfigureAwait(false);
            return BadInput;
        }
        catch (ArgumentException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }
        catch (Load.GatewayActionException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return GatewayFailed;
        }
        catch (IOException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return Cancelled;
        }
    }

    /// <summary>The writer a human summary goes to: standard output when JSON went to a file, else standard error.</summary>
    public static TextWriter SummaryWriter(CliContext context, string output) =>
        output == Output.JsonOutput.StandardOutput ? context.Error : context.Out;
}
