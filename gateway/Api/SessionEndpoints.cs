using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Workbench;
using DataSelection.Gateway.Auth;
using DataSelection.Gateway.Hosting;
using DataSelection.ServiceDefaults;

namespace DataSelection.Gateway.Api;

public static class SessionEndpoints
{
    private const int CodeAttempts = 8;

    /// <summary>Creating a session and joining one: the two routes open to anyone.</summary>
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/sessions").WithTags("Sessions");
        sessions.MapPost("/", CreateSession).WithName("CreateSession").RateLimited(RateLimitedAction.CreateSession);
        // Looking a code up tells whether it exists, so it draws on the join budget: guessing codes costs the same either way.
        sessions.MapGet("/{code}", GetSession).WithName("GetSession").RateLimited(RateLimitedAction.Join);
        sessions.MapPost("/{code}/students", Join).WithName("JoinSession").RateLimited(RateLimitedAction.Join);
        return app;
    }

    /// <summary>Creates a session under a fresh code (retrying on the rare collision); the instructor key is returned once and kept only as a hash.</summary>
    private static async Task<IResult> CreateSession(CreateSessionRequest request, IGrainFactory grains, IConfiguration configuration)
    {
        var title = LabInput.Title(request.Title);
        if (!title.IsValid)
        {
            return LabProblems.Invalid(title.Error!);
        }
        var key = InstructorKey.Generate();
        for (var attempt = 1; ; attempt++)
        {
            var code = SessionCode.Generate();
            try
            {
                var info = await grains.GetGrain<ISessionGrain>(code).Create(title.Value!, InstructorKey.Hash(key));
                if (configuration.GetValue(SimulationQueueOptions.WarmupKey, true))
                {
                    // Returns once started: the class's first slider moves get computed while the instructor shares the code.
                    await grains.GetGrain<ICohortWarmupGrain>(0).Warm();
                }
                return Results.Created($"/api/sessions/{code}", new SessionCreated(code, key, info.Title));
            }
            catch (LabRuleException exception) when (exception.Rule == LabRule.AlreadyExists && attempt < CodeAttempts)
            {
                // Another session holds this code: draw again.
            }
        }
    }

    private static async Task<IResult> GetSession(string code, IGrainFactory grains) =>
        SessionCode.Normalize(code) is { } known
            ? Results.Ok(await grains.GetGrain<ISessionGrain>(known).GetInfo())
            : UnknownSession();

    private static async Task<IResult> Join(string code, JoinRequest request, IGrainFactory grains, StudentTokens tokens, TimeProvider clock)
    {
        if (SessionCode.Normalize(code) is not { } known)
        {
            return UnknownSession();
        }
        var name = LabInput.Name(request.Name);
        if (!name.IsValid)
        {
            return LabProblems.Invalid(name.Error!);
        }
        var track = LabInput.Track(request.Track);
        if (!track.IsValid)
        {
            return LabProblems.Invalid(track.Error!);
        }
        var studentId = await grains.GetGrain<ISessionGrain>(known).Join(name.Value!, track.Value!.Id);
        LabMetrics.Joins.Add(1);
        var token = tokens.Issue(known, studentId, track.Value.Id, clock.GetUtcNow());
        return Results.Created("/api/me", new StudentJoined(studentId, token, known, track.Value.Id));
    }

    internal static IResult UnknownSession() => LabProblems.Refuse(StatusCodes.Status404NotFound, "There is no session with this code.");
}
