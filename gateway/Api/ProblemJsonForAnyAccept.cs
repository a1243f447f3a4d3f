using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace DataSelection.Gateway.Api;

/// <summary>
/// Writes refusals as problem+json even to a client whose <c>Accept</c> does not ask for JSON (a
/// browser asking for HTML, a scraper asking for XML). The API has no other representation; the
/// default writer declines such clients, which turned their 4xx into empty bodies and their
/// 401/404/413 into 500s. Registered after the default writer, so it only answers what that one declines.
/// </summary>
internal sealed class ProblemJsonForAnyAccept(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, json.Value.SerializerOptions, "application/problem+json"));
    }
}
