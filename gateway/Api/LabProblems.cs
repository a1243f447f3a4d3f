using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics;

namespace DataSelection.Gateway.Api;

/// <summary>
/// Turns every refusal into <c>application/problem+json</c> with a detail a person can act on:
/// broken lab rules by their <see cref="LabRule"/>, unreadable bodies as 400, oversized ones as 413,
/// and a write storage did not confirm, storage that could not be read, or a grain call that timed out as 503
/// with <c>Retry-After</c>: nothing was changed, and the same request can simply be sent again.
/// </summary>
public sealed partial class LabProblems(IProblemDetailsService problems, ILogger<LabProblems> logger) : IExceptionHandler
{
    public static int StatusFor(LabRule rule) => rule switch
    {
        LabRule.NotFound => StatusCodes.Status404NotFound,
        LabRule.InvalidInput => StatusCodes.Status400BadRequest,
        LabRule.PartClosed or LabRule.LockRequired or LabRule.AlreadyLocked or LabRule.RunRequired
            or LabRule.RunLimitReached or LabRule.AlreadySubmitted or LabRule.Superseded or LabRule.AlreadyExists
            => StatusCodes.Status409Conflict,
        LabRule.RateLimited => StatusCodes.Status429TooManyRequests,
        LabRule.Busy => StatusCodes.Status503ServiceUnavailable,
        LabRule.SessionEnded => StatusCodes.Status410Gone,
        LabRule.NotSaved or LabRule.RunFailed or LabRule.StorageUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>A refusal with the given status and detail, as ProblemDetails.</summary>
    public static IResult Refuse(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    /// <summary>Input that <see cref="LabInput"/> refused.</summary>
    public static IResult Invalid(string detail)
    {
        LabMetrics.Reject(RejectionReasons.Invalid);
        return Refuse(StatusCodes.Status400BadRequest, detail);
    }

    /// <summary>Seconds a client should wait before sending a not-saved or timed-out request again.</summary>
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        exception = StorageFailures.AsRefusal(exception);
        var (status, detail, rule) = exception switch
        {
            LabRuleException lab => (StatusFor(lab.Rule), lab.Message, lab.Rule.ToString()),
            BadHttpRequestException bad => (bad.StatusCode, DescribeBadRequest(bad), null),
            TimeoutException => (StatusCodes.Status503ServiceUnavailable,
                "The lab did not answer in time, so nothing is confirmed; check your state and try again.", null),
            _ => (StatusCodes.Status500InternalServerError, "The server failed to handle the request; nothing was confirmed.", null),
        };
        var busy = exception is LabRuleException { Rule: LabRule.Busy };
        if (status == StatusCodes.Status400BadRequest)
        {
            LabMetrics.Reject(RejectionReasons.Invalid);
        }
        else if (busy)
        {
            LabMetrics.Reject(RejectionReasons.Busy);
        }
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Path);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable && !busy)
        {
            LogNotConfirmed(logger, exception, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        // The rule's own estimate (a busy queue), else a short wait for anything not confirmed.
        var retryAfter = (exception as LabRuleException)?.RetryAfterSeconds
            ?? (status == StatusCodes.Status503ServiceUnavailable ? RetryAfterSeconds : (int?)null);
        if (retryAfter is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        };
        if (rule is not null)
        {
            context.ProblemDetails.Extensions["rule"] = rule;
        }
        return await problems.TryWriteAsync(context).ConfigureAwait(false);
    }

    private static string DescribeBadRequest(BadHttpRequestException exception) => exception switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is too large.",
        { InnerException: JsonException json } => $"The request body is not valid JSON for this request: {json.Message}",
        _ => exception.Message,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not confirmed on {Path}; the client was asked to retry")]
    private static partial void LogNotConfirmed(ILogger logger, Exception exception, PathString path);
}
