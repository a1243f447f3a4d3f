using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;
using DataSelection.Gateway.Hubs;
using DataSelection.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace DataSelection.Gateway.Tests.Security;

/// <summary>
/// Every HTTP route of the running app and every hub method × every <see cref="Actor"/>, checked
/// for real against <see cref="AuthorizationRules"/>: an allowed actor gets past authorisation
/// (a 2xx, or a lab rule's 4xx that is not 401/403/404), a refused one gets 401/403/404 and
/// changes nothing of session S or its student A.
/// </summary>
[Trait("Category", "Security")]
public sealed partial class AuthorizationMatrixTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private static readonly HttpStatusCode[] Refusals = [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound];

    private readonly LabApi api = LabApi.For(factory);

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public void Every_route_and_hub_method_has_a_rule()
    {
        var missing = Routes().Where(r => !AuthorizationRules.Routes.ContainsKey(r)).Concat(HubMethods().Where(m => !AuthorizationRules.Hubs.ContainsKey(m))).ToList();
        Assert.True(missing.Count == 0, $"No authorisation rule for: {string.Join(", ", missing)}. Add it to AuthorizationRules.");
        var stale = AuthorizationRules.Routes.Keys.Except(Routes()).Concat(AuthorizationRules.Hubs.Keys.Except(HubMethods())).ToList();
        Assert.True(stale.Count == 0, $"Rules for routes or hub methods that no longer exist: {string.Join(", ", stale)}.");
    }

    [Fact]
    public async Task Every_route_answers_every_actor_as_the_rule_table_says()
    {
        var shared = await SharedWorld.Create(api);
        var failures = new List<string>();
        var checkedPairs = 0;
        foreach (var route in Routes())
        {
            var rule = AuthorizationRules.Routes.GetValueOrDefault(route) ?? throw new Xunit.Sdk.XunitException($"No authorisation rule for {route}.");
            var world = await World.Create(api, shared);
            var space = route.IndexOf(' ', StringComparison.Ordinal);
            var method = new HttpMethod(route[..space]);
            var path = Fill(route[(space + 1)..], world.Session.Code);
            // Refused actors first, then the other allowed ones, the owners last: each sees S as it was.
            foreach (var actor in Enum.GetValues<Actor>().OrderBy(a => Order(a, rule.Allowed)))
            {
                var before = await Snapshot(world);
                var (token, key) = world.Credentials(actor);
                var response = await api.Send(method, path, token, rule.Body, key);
                checkedPairs++;
                var status = response.StatusCode;
                if ((int)status >= 500)
                {
                    SecurityFigures.Record(SecurityFigures.ServerErrors, 1, "authorization-matrix");
                }
                var allowed = rule.Allowed.Contains(actor);
                if (allowed && (Refusals.Contains(status) || (int)status >= 500))
                {
                    failures.Add($"{route} as {actor}: expected to be let through, got {(int)status} {await response.Content.ReadAsStringAsync()}");
                }
                else if (!allowed && !Refusals.Contains(status))
                {
                    failures.Add($"{route} as {actor}: expected 401/403/404, got {(int)status}");
                }
                else if (!allowed && before != await Snapshot(world))
                {
                    failures.Add($"{route} as {actor}: refused, but session S or student A changed");
                }
                else if (allowed && actor is not (Actor.OwnStudent or Actor.OwnInstructor) && before.StudentA != (await Snapshot(world)).StudentA)
                {
                    failures.Add($"{route} as {actor}: acted on student A, who is not theirs");
                }
            }
        }
        SecurityFigures.Record(SecurityFigures.RoutesActorsChecked, checkedPairs, "api");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(Routes().Count * Enum.GetValues<Actor>().Length, checkedPairs);
    }

    [Fact]
    public async Task Every_hub_method_answers_every_actor_as_the_rule_table_says()
    {
        var shared = await SharedWorld.Create(api);
        var world = await World.Create(api, shared);
        var failures = new List<string>();
        var checkedPairs = 0;
        foreach (var hubMethod in HubMethods())
        {
            var rule = AuthorizationRules.Hubs.GetValueOrDefault(hubMethod) ?? throw new Xunit.Sdk.XunitException($"No authorisation rule for hub method {hubMethod}.");
            var (hub, method) = (hubMethod[..hubMethod.IndexOf('.', StringComparison.Ordinal)], hubMethod[(hubMethod.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            foreach (var actor in Enum.GetValues<Actor>().OrderBy(a => Order(a, rule.Allowed)))
            {
                var before = await Snapshot(world);
                var outcome = await Call(world, actor, hub, method, rule.Arguments);
                checkedPairs++;
                var allowed = rule.Allowed.Contains(actor);
                if (outcome.ServerError)
                {
                    SecurityFigures.Record(SecurityFigures.ServerErrors, 1, "authorization-matrix-hubs");
                    failures.Add($"{hubMethod} as {actor}: the hub failed: {outcome.Detail}");
                }
                else if (allowed != outcome.LetThrough)
                {
                    failures.Add($"{hubMethod} as {actor}: expected {(allowed ? "to be let through" : "a refused connection")}, got {outcome.Detail}");
                }
                else if (!allowed && before != await Snapshot(world))
                {
                    failures.Add($"{hubMethod} as {actor}: refused, but session S or student A changed");
                }
                else if (allowed && actor is not (Actor.OwnStudent or Actor.OwnInstructor) && before.StudentA != (await Snapshot(world)).StudentA)
                {
                    failures.Add($"{hubMethod} as {actor}: acted on student A, who is not theirs");
                }
            }
        }
        SecurityFigures.Record(SecurityFigures.RoutesActorsChecked, checkedPairs, "hubs");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(HubMethods().Count * Enum.GetValues<Actor>().Length, checkedPairs);
    }

    /// <summary>Every route of the running app as <c>METHOD pattern</c>, minus the explicitly skipped ones.</summary>
    private List<string> Routes()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        return [.. endpoints
            .Where(e => !AuthorizationRules.Skipped.ContainsKey(e.RoutePattern.RawText ?? ""))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Every method a client can invoke on the two hubs, plus connecting itself.</summary>
    private static List<string> HubMethods() =>
        [.. new[] { typeof(LabHub), typeof(InstructorHub) }.SelectMany(hub =>
            hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
                .Select(m => $"{hub.Name}.{m.Name}")
                .Prepend($"{hub.Name}.Connect"))];

    private sealed record HubOutcome(bool LetThrough, bool ServerError, string Detail);

    private async Task<HubOutcome> Call(World world, Actor actor, string hub, string method, object?[] arguments)
    {
        var (token, key) = world.Credentials(actor);
        var query = new List<string>();
        if (token is not null)
        {
            query.Add($"access_token={Uri.EscapeDataString(token)}");
        }
        if (key is not null)
        {
            query.Add($"code={world.Session.Code}&key={Uri.EscapeDataString(key)}");
        }
        var path = hub == nameof(LabHub) ? "/hubs/lab" : "/hubs/instructor";
        await using var connection = api.Hub(query.Count == 0 ? path : $"{path}?{string.Join('&', query)}");
        try
        {
            await connection.StartAsync();
        }
        catch (Exception refused) when (refused is HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
        {
            return new(false, refused.Message.Contains("500", StringComparison.Ordinal), $"refused: {refused.Message}");
        }
        if (method == "Connect")
        {
            return new(true, false, "connected");
        }
        try
        {
            await connection.InvokeCoreAsync(method, typeof(JsonElement), arguments);
            return new(true, false, "answered");
        }
        catch (HubException refusal) when (Enum.GetNames<LabRule>().Any(rule => refusal.Message.Contains($"{rule}: ", StringComparison.Ordinal)))
        {
            // A lab rule (e.g. LockRequired) answered: the call got past authorisation.
            return new(true, false, $"answered with a lab rule: {refusal.Message}");
        }
        catch (HubException failure)
        {
            return new(true, true, failure.Message);
        }
    }

    private static int Order(Actor actor, IReadOnlySet<Actor> allowed) =>
        !allowed.Contains(actor) ? 0 : actor is Actor.OwnStudent or Actor.OwnInstructor ? 2 : 1;

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private static string Fill(string pattern, string code) =>
        RouteParameter().Replace(pattern, match => match.Groups["name"].Value switch
        {
            "code" => code,
            "part" => "1",
            var other => throw new Xunit.Sdk.XunitException($"The matrix does not know how to fill route parameter {{{other}}} in {pattern}."),
        });

    /// <summary>What a refused actor must leave as it was: S's pacing, end and roster, and all of A.</summary>
    private sealed record StateSnapshot(string Session, string StudentA);

    private async Task<StateSnapshot> Snapshot(World world)
    {
        var session = Grains.GetGrain<ISessionGrain>(world.Session.Code);
        var info = await session.GetInfo();
        var roster = await session.GetRoster(1, 200);
        var ledger = await Grains.GetGrain<IStudentGrain>(StudentKey.For(world.Session.Code, world.A.StudentId)).GetLedger();
        return new(
            JsonSerializer.Serialize(new { info.Pacing, info.Ended, info.Title, roster.Total, roster.Entries }),
            JsonSerializer.Serialize(ledger.Entries.Select(e => new { e.Sequence, e.Kind, e.Part, e.Summary })));
    }

    /// <summary>The parts of the world every route shares: session T with student C, and ended session E with student D.</summary>
    private sealed record SharedWorld(TestSession T, TestStudent C, TestStudent D)
    {
        public static async Task<SharedWorld> Create(LabApi api)
        {
            var t = await api.CreateSession("Other class");
            var c = await api.Join(t.Code, "Carol");
            var e = await api.CreateSession("Finished class");
            var d = await api.Join(e.Code, "Dave");
            var end = await api.Send(HttpMethod.Post, $"/api/sessions/{e.Code}/end", instructorKey: e.InstructorKey);
            Assert.Equal(HttpStatusCode.OK, end.StatusCode);
            return new(t, c, d);
        }
    }

    /// <summary>A fresh session S with students A and B, plus the shared world.</summary>
    private sealed record World(TestSession Session, TestStudent A, TestStudent B, SharedWorld Shared)
    {
        public static async Task<World> Create(LabApi api, SharedWorld shared)
        {
            var session = await api.CreateSession("Matrix class");
            return new(session, await api.Join(session.Code, "Alice"), await api.Join(session.Code, "Bob"), shared);
        }

        public (string? Token, string? Key) Credentials(Actor actor) => actor switch
        {
            Actor.Anonymous => (null, null),
            Actor.OwnStudent => (A.Token, null),
            Actor.SameSessionStudent => (B.Token, null),
            Actor.OtherSessionStudent => (Shared.C.Token, null),
            Actor.ForgedToken => (Forge(A.Token), null),
            Actor.EndedSessionStudent => (Shared.D.Token, null),
            Actor.OwnInstructor => (null, Session.InstructorKey),
            Actor.OtherInstructor => (null, Shared.T.InstructorKey),
            Actor.GarbageKey => (null, WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16))),
            _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, null),
        };

        /// <summary>A's claims, signed the way the gateway signs, but with a key of the attacker's own.</summary>
        private static string Forge(string genuine)
        {
            var payload = genuine[..genuine.IndexOf('.', StringComparison.Ordinal)];
            var signature = HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), WebEncoders.Base64UrlDecode(payload));
            return $"{payload}.{WebEncoders.Base64UrlEncode(signature)}";
        }
    }
}
