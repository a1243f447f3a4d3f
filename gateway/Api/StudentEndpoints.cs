using System.Security.Claims;
using DataSelection.Gateway.Auth;
using DataSelection.Gateway.Hosting;

namespace DataSelection.Gateway.Api;

public static class StudentEndpoints
{
    /// <summary>The student's own routes under <c>/api/me</c>; the token decides whose grains they touch.</summary>
    public static IEndpointRouteBuilder MapStudentEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Student").RequireAuthorization(LabAuthentication.StudentPolicy);
        me.MapGet("/", (ClaimsPrincipal user, StudentActions actions) => actions.GetState(user.Student())).WithName("GetMe").RateLimited(RateLimitedAction.Read);
        me.MapPut("/parts/{part:int}/lock", async (int part, LockRequest request, ClaimsPrincipal user, StudentActions actions) =>
            Results.Created("/api/me", await actions.Lock(user.Student(), part, request.Prediction))).WithName("Lock").RateLimited(RateLimitedAction.Write);
        me.MapPost("/parts/{part:int}/runs", (int part, RunRequest? request, ClaimsPrincipal user, StudentActions actions) =>
            actions.Run(user.Student(), part, request?.Parameters)).WithName("Run").RateLimited(RateLimitedAction.Run);
        me.MapPost("/parts/2/knee", (KneeRequest request, ClaimsPrincipal user, StudentActions actions) =>
            actions.SubmitKnee(user.Student(), request.Value)).WithName("SubmitKnee").RateLimited(RateLimitedAction.Write);
        me.MapPut("/parts/{part:int}/reflection", (int part, ReflectionRequest request, ClaimsPrincipal user, StudentActions actions) =>
            actions.Reflect(user.Student(), part, request.Text)).WithName("Reflect").RateLimited(RateLimitedAction.Write);
        me.MapGet("/ledger", async (ClaimsPrincipal user, StudentActions actions) =>
            StudentActions.ToResponse(await actions.GetLedger(user.Student()))).WithName("GetLedger").RateLimited(RateLimitedAction.Read);
        me.MapGet("/ledger.md", async (ClaimsPrincipal user, StudentActions actions) =>
            Results.Text(LedgerMarkdown.Render(await actions.GetLedger(user.Student())), "text/markdown; charset=utf-8")).WithName("GetLedgerMarkdown").RateLimited(RateLimitedAction.Read);
        return app;
    }
}
