using Spectre.Console;

namespace DataSelection.Client.Output;

/// <summary>
/// Runs long work on a worker thread and, when standard error is a terminal, draws a progress bar
/// there (standard output stays clean for JSON).
/// </summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(
        string title,
        bool interactive,
        Func<Action<string, double>, CancellationToken, T> work,
        CancellationToken cancellationToken)
    {
        if (!interactive)
        {
            return await Task.Run(() => work(static (_, _) => { }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                var result = await Task.Run(
                    () => work(
                        (stage, fraction) =>
                        {
                            task.Description = Markup.Escape($"{title}: {stage}");
                            task.Value = Math.Clamp(fraction, 0.0, 1.0);
                        },
                        cancellationToken),
                    cancellationToken).ConfigureAwait(false);
                task.Value = 1.0;
                return result;
            }).ConfigureAwait(false);
    }
}
