using DataSelection.Client;

return await DataSelectionCli.RunAsync(args, CliContext.FromConsole()).ConfigureAwait(false);
