using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics;

namespace DataSelection.Gateway.Api;

/// <summary>
/// Turns every refusal into <c>application/problem+json</c> with a detail a person can act on:
/// broken lab rules by their <see cref="LabRule"/>, unreadable bodies as 400, oversized ones as 413.
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

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, detail, rule) = exception switch
        {
            LabRuleException lab => (StatusFor(lab.Rule), lab.Message, lab.Rule.ToString()),
            BadHttpRequestException bad => (bad.StatusCode, DescribeBadRequest(bad), null),
            _ => (StatusCodes.Status500InternalServerError, "The server failed to handle the request; nothing was confirmed.", null),
        };
        if (status == StatusCodes.Status400BadRequest)
        {
            LabMetrics.Reject(RejectionReasons.Invalid);
        }
        else if (exception is LabRuleException { Rule: LabRule.Busy })
        {
            LabMetrics.Reject(RejectionReasons.Busy);
        }
        if (status >= StatusCodes.Status500InternalServerError && exception is not LabRuleException)
        {
            LogUnhandled(logger, exception, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        if (exception is LabRuleException { RetryAfterSeconds: { } seconds })
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
}
