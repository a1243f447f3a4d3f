using System.CommandLine;
using DataSelection.Client.Commands;

namespace DataSelection.Client;

/// <summary>The <c>dataselection</c> command line: the lab's science without the classroom.</summary>
public static class DataSelectionCli
{
    public static RootCommand Create(CliContext context) =>
        new("dataselection: data-selection science from the command line (MinHash/LSH deduplication, active learning, domain gap, the lab's scenarios)")
        {
            DedupCommand.Create(context),
            CorpusCommand.Create(context),
            ActiveLearningCommand.Create(context),
            FidCommand.Create(context),
            SimulateCommand.Create(context),
            LoadTestCommand.Create(context),
        };

    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        var parse = Create(context).Parse(args);
        if (parse.Action is System.CommandLine.Invocation.ParseErrorAction errorAction)
        {
            // A mistyped option gets its error and a hint, not a screen of help above it.
            errorAction.ShowHelp = false;
            errorAction.ShowTypoCorrections = true;
        }
        return parse.InvokeAsync(configuration, cancellationToken);
    }
}
