using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSelection.Gateway.Tests.Limits;

/// <summary>
/// Per-student budgets of two runs and three saves at once, refilled one every five seconds; a session
/// may run three times a minute. Small enough to trip in a test, short enough to wait out.
/// </summary>
public sealed class TinyBudgetGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("DataSelection:RateLimits:Enabled", "true"),
        ("DataSelection:RateLimits:RunsPerMinute", "12"),
        ("DataSelection:RateLimits:RunBurst", "2"),
        ("DataSelection:RateLimits:WritesPerMinute", "12"),
        ("DataSelection:RateLimits:WriteBurst", "3"),
        ("DataSelection:RateLimits:RunsPerSessionPerMinute", "3"),
    ];
}

/// <summary>Three runs a minute from one client address, however many students share it.</summary>
public sealed class OneAddressGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("DataSelection:RateLimits:Enabled", "true"),
        ("DataSelection:RateLimits:RunsPerAddressPerMinute", "3"),
        ("DataSelection:RateLimits:SessionsPerMinute", "2"),
    ];
}

/// <summary>A silo computing one simulation at a time with no room to queue another, and a 1 KB hub message limit.</summary>
public sealed class OneSlotGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("DataSelection:Simulation:Slots", "1"),
        ("DataSelection:Simulation:MaxQueued", "0"),
        ("DataSelection:Hubs:MaximumReceiveMessageSize", "1024"),
    ];
}

/// <summary>What a refusal must leave untouched, and how a limit's refusal must read.</summary>
public static class Limited
{
    /// <summary>The student's runs of a part and Ledger length: equal before and after a refused request.</summary>
    public static async Task<(int Runs, int LedgerEntries)> Footprint(LabApi api, TestStudent student, int part)
    {
        var me = await api.Me(student);
        var ledger = await (await api.Send(HttpMethod.Get, "/api/me/ledger", student.Token)).Content.ReadFromJsonAsync<JsonElement>();
        return (me.GetProperty("parts")[part - 1].GetProperty("runs").GetInt32(), ledger.GetProperty("entries").GetArrayLength());
    }

    /// <summary>A 429 or 503 naming its rule, with a <c>Retry-After</c> in whole seconds that the detail repeats.</summary>
    public static async Task<int> ExpectRetryLater(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        var problem = await Problem.Expect(response, status);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("A refusal that passes with time must carry Retry-After.");
        var seconds = (int)retryAfter.TotalSeconds;
        Assert.True(seconds >= 1, $"Retry-After must be at least a second, not {seconds}.");
        Assert.Contains($"retry in {seconds} s", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        return seconds;
    }

    /// <summary>
    /// Spends a budget with requests the limiter counts but the API refuses at once (invalid input),
    /// so no refill can slip in: the first <paramref name="budget"/> get 400, and a 429 follows
    /// within a few more. Returns the 429.
    /// </summary>
    public static async Task<HttpResponseMessage> SpendUntilRefused(int budget, Func<Task<HttpResponseMessage>> sendInvalid)
    {
        for (var sent = 1; sent <= budget + 3; sent++)
        {
            var response = await sendInvalid();
            if (sent <= budget)
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            }
            else if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }
        }
        throw new Xunit.Sdk.XunitException($"A budget of {budget} was never enforced.");
    }

    /// <summary>Retries until the request passes (a limit's window has refilled), within the bounded test timeout.</summary>
    public static Task<HttpResponseMessage> UntilAccepted(Func<Task<HttpResponseMessage>> send, string what) =>
        Eventually.Until(send, response => response.IsSuccessStatusCode, what);
}
