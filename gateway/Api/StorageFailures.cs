using System.Data.Common;
using DataSelection.Contracts.Lab;

namespace DataSelection.Gateway.Api;

/// <summary>
/// Storage that could not be read while a grain loaded its state: Orleans reports it to the caller as an
/// <see cref="OrleansException"/> from the storage provider around the provider's own error (an I/O or database
/// error, SQLite's or Redis's). That is not a bug in the request or the server but an outage to wait out, so it
/// is answered as <see cref="LabRule.StorageUnavailable"/> (503 with <c>Retry-After</c>), not as a 500.
/// </summary>
public static class StorageFailures
{
    // How Orleans's state storage bridge words a provider's failure (ReadStateAsync, WriteStateAsync, ClearStateAsync).
    private const string ProviderFailure = "Error from storage provider ";

    /// <summary>The refusal a storage failure deserves, or <paramref name="exception"/> itself when it is something else.</summary>
    public static Exception AsRefusal(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return IsStorageFailure(exception)
            ? new LabRuleException(LabRule.StorageUnavailable,
                "The lab's storage could not be read just now, so nothing was loaded or changed; try again in a moment.", exception)
            {
                RetryAfterSeconds = LabProblems.RetryAfterSeconds,
            }
            : exception;
    }

    private static bool IsStorageFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OrleansException orleans
                && (orleans.Message.StartsWith(ProviderFailure, StringComparison.Ordinal)
                    || orleans.InnerException is IOException or DbException))
            {
                return true;
            }
        }
        return false;
    }
}
