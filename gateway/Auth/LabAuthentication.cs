using System.Security.Claims;
using System.Text.Encodings.Web;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DataSelection.Gateway.Auth;

/// <summary>The two ways into the lab: a student token, or a session's instructor key.</summary>
public static class LabAuthentication
{
    public const string StudentScheme = "StudentToken";
    public const string InstructorScheme = "InstructorKey";
    public const string StudentPolicy = "Student";
    public const string InstructorPolicy = "Instructor";
    public const string SessionClaim = "session";
    public const string StudentClaim = "student";
    public const string TrackClaim = "track";

    public static IServiceCollection AddLabAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<StudentTokens>();
        services.AddSingleton<EndedSessions>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, StudentTokenHandler>(StudentScheme, null)
            .AddScheme<AuthenticationSchemeOptions, InstructorKeyHandler>(InstructorScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(StudentPolicy, policy => policy.AddAuthenticationSchemes(StudentScheme).RequireAuthenticatedUser())
            .AddPolicy(InstructorPolicy, policy => policy.AddAuthenticationSchemes(InstructorScheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The (session, student) a request's token is bound to.</summary>
    public static StudentClaims Student(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new StudentClaims(
            user.FindFirstValue(SessionClaim) ?? throw new InvalidOperationException("No session claim."),
            user.FindFirstValue(StudentClaim) ?? throw new InvalidOperationException("No student claim."),
            DateTimeOffset.MinValue,
            user.FindFirstValue(TrackClaim));
    }

    /// <summary>The session an instructor key was checked against.</summary>
    public static string InstructorSession(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(SessionClaim) ?? throw new InvalidOperationException("No session claim.");
    }

    internal static Task WriteProblem(HttpContext context, int status, string title, string detail, LabRule? rule = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (rule is { } broken)
        {
            problem.ProblemDetails.Extensions["rule"] = broken.ToString();
        }
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(problem).AsTask();
    }
}

/// <summary>
/// Reads <c>Authorization: Bearer &lt;token&gt;</c>, or the <c>access_token</c> query on hub
/// paths (browsers cannot set headers on WebSockets). A token of an ended session is refused:
/// tokens die with their session.
/// </summary>
internal sealed class StudentTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    StudentTokens tokens,
    EndedSessions endedSessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private const string SessionEnded = "session-ended";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            token = header[BearerPrefix.Length..].Trim();
        }
        else if (Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal))
        {
            token = Request.Query["access_token"];
        }
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }
        if (tokens.Validate(token) is not { } claims)
        {
            return AuthenticateResult.Fail("The student token is not valid.");
        }
        if (await endedSessions.HasEnded(claims.SessionCode).ConfigureAwait(false))
        {
            return AuthenticateResult.Fail(SessionEnded);
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(LabAuthentication.SessionClaim, claims.SessionCode),
                new Claim(LabAuthentication.StudentClaim, claims.StudentId),
                .. claims.Track is { } track ? [new Claim(LabAuthentication.TrackClaim, track)] : Array.Empty<Claim>(),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(Scheme.Name).ConfigureAwait(false);
        if (result.Failure?.Message == SessionEnded)
        {
            await LabAuthentication.WriteProblem(Context, StatusCodes.Status401Unauthorized, "Session ended",
                "The session has ended: the instructor closed it, and its student tokens no longer open anything. Your work is kept in the instructor's export.",
                LabRule.SessionEnded).ConfigureAwait(false);
            return;
        }
        await LabAuthentication.WriteProblem(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            result.Failure is null
                ? "A student token is required: send 'Authorization: Bearer <token>' (the token from joining the session)."
                : "The student token is not valid: it was altered or not issued by this service. Join the session again.").ConfigureAwait(false);
    }
}

/// <summary>
/// Checks <c>X-Instructor-Key</c> (or the <c>key</c> query on hub paths) against the session named
/// by the route's <c>{code}</c> (or the <c>code</c> query). Missing key → 401, wrong key → 403.
/// </summary>
internal sealed class InstructorKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string WrongKey = "wrong-key";
    private const string UnknownSession = "unknown-session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var isHub = Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal);
        string? key = Request.Headers[InstructorKey.Header];
        if (string.IsNullOrEmpty(key) && isHub)
        {
            key = Request.Query["key"];
        }
        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }
        var typedCode = Request.RouteValues["code"] as string ?? (isHub ? (string?)Request.Query["code"] : null);
        var code = SessionCode.Normalize(typedCode);
        if (code is null)
        {
            return AuthenticateResult.Fail(UnknownSession);
        }
        if (!InstructorKey.IsPlausible(key))
        {
            return AuthenticateResult.Fail(WrongKey);
        }
        try
        {
            if (!await grains.GetGrain<ISessionGrain>(code).IsInstructorKey(InstructorKey.Hash(key)).ConfigureAwait(false))
            {
                return AuthenticateResult.Fail(WrongKey);
            }
        }
        catch (LabRuleException exception) when (exception.Rule == LabRule.NotFound)
        {
            return AuthenticateResult.Fail(UnknownSession);
        }
        var identity = new ClaimsIdentity([new Claim(LabAuthentication.SessionClaim, code)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(Scheme.Name).ConfigureAwait(false);
        var (status, title, detail) = result.Failure?.Message switch
        {
            WrongKey => (StatusCodes.Status403Forbidden, "Forbidden", "The instructor key does not match this session."),
            UnknownSession => (StatusCodes.Status404NotFound, "Not Found", "There is no session with this code."),
            _ => (StatusCodes.Status401Unauthorized, "Unauthorized", $"The instructor key is required: send '{InstructorKey.Header}: <key>'."),
        };
        await LabAuthentication.WriteProblem(Context, status, title, detail).ConfigureAwait(false);
    }
}
