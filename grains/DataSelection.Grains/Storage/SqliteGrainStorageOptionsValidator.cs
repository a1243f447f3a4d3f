using Microsoft.Extensions.Options;

namespace DataSelection.Grains.Storage;

/// <summary>Rejects storage options that name no database file, before the silo starts.</summary>
internal sealed class SqliteGrainStorageOptionsValidator : IValidateOptions<SqliteGrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteGrainStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return ValidateOptionsResult.Fail($"SQLite grain storage '{name}' needs a DataDirectory or a ConnectionString.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.FileName))
        {
            return ValidateOptionsResult.Fail($"SQLite grain storage '{name}' needs a FileName inside its DataDirectory.");
        }

        return options.BusyTimeout <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"SQLite grain storage '{name}' needs a positive BusyTimeout.")
            : ValidateOptionsResult.Success;
    }
}
