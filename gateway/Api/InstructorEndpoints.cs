using System.Security.Claims;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Gateway.Auth;
using DataSelection.Gateway.Push;

namespace DataSelection.Gateway.Api;

public static class InstructorEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    /// <summary>Dashboard, roster, pacing and export: every route needs the session's instructor key.</summary>
    public static IEndpointRouteBuilder MapInstructorEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/sessions/{code}").WithTags("Instructor").RequireAuthorization(LabAuthentication.InstructorPolicy);
        session.MapGet("/dashboard", (ClaimsPrincipal user, IGrainFactory grains) => Session(grains, user).GetDashboard()).WithName("GetDashboard");
        session.MapGet("/roster", GetRoster).WithName("GetRoster");
        session.MapPost("/parts/{part:int}/open", (int part, ClaimsPrincipal user, IGrainFactory grains) => Pace(grains, user, part, PacingAction.Open)).WithName("OpenPart");
        session.MapPost("/parts/{part:int}/close", (int part, ClaimsPrincipal user, IGrainFactory grains) => Pace(grains, user, part, PacingAction.Close)).WithName("ClosePart");
        session.MapPost("/parts/{part:int}/reveal", (int part, ClaimsPrincipal user, IGrainFactory grains) => Pace(grains, user, part, PacingAction.Reveal)).WithName("RevealPart");
        session.MapGet("/export", Export).WithName("ExportSession");
        session.MapPost("/end", End).WithName("EndSession");
        return app;
    }

    private static ISessionGrain Session(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<ISessionGrain>(user.InstructorSession());

    private static async Task<IResult> Pace(IGrainFactory grains, ClaimsPrincipal user, int part, PacingAction action)
    {
        var checkedPart = LabInput.Part(part);
        return checkedPart.IsValid
            ? Results.Ok(await Session(grains, user).Pace(checkedPart.Value!.Number, action))
            : LabProblems.Invalid(checkedPart.Error!);
    }

    /// <summary>Ends the session (idempotent); this gateway closes the session's student connections at once, other gateways on the session's push.</summary>
    private static async Task<SessionInfo> End(ClaimsPrincipal user, IGrainFactory grains, SessionPushRelay relay)
    {
        var info = await Session(grains, user).EndSession();
        await relay.OnPacing(info);
        return info;
    }

    private static async Task<IResult> GetRoster(ClaimsPrincipal user, IGrainFactory grains, int? page, int? pageSize)
    {
        var size = pageSize ?? DefaultPageSize;
        if (page is < 1 || size is < 1 or > MaxPageSize)
        {
            return LabProblems.Invalid($"page must be 1 or more and pageSize between 1 and {MaxPageSize}.");
        }
        return Results.Ok(await Session(grains, user).GetRoster(page ?? 1, size));
    }

    private static async Task<IResult> Export(ClaimsPrincipal user, IGrainFactory grains, HttpContext http, string? format, CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return LabProblems.Invalid("format must be csv or json.");
        }
        var export = await SessionExport.Collect(grains, user.InstructorSession(), cancellationToken);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"session-{export.Session.Code}.{(csv ? "csv" : "json")}\"";
        return csv ? Results.Text(export.ToCsv(), "text/csv; charset=utf-8") : Results.Ok(export.ToJson());
    }
}
