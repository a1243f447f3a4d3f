using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSelection.Browser.Tests;

/// <summary>One real gateway shared by every browser test (they run one class at a time).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "Browser";
}

/// <summary>A session's instructor credentials.</summary>
public sealed record LabSession(string Code, string InstructorKey);

/// <summary>A joined student's credentials.</summary>
public sealed record LabStudent(string SessionCode, string StudentId, string Token);

/// <summary>The running gateway and the HTTP API calls tests make beside the pages.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private GatewayProcess? gateway;

    public GatewayProcess Gateway => gateway ?? throw new InvalidOperationException("The gateway has not started.");

    public Uri Address => Gateway.Address;

    public HttpClient Http { get; private set; } = new();

    public async Task InitializeAsync()
    {
        gateway = await GatewayProcess.Start();
        Http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
    }

    public async Task<LabSession> CreateSession(string title = "Browser seminar")
    {
        var response = await Http.PostAsJsonAsync("/api/sessions", new { title });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(body.GetProperty("code").GetString()!, body.GetProperty("instructorKey").GetString()!);
    }

    public async Task<LabStudent> Join(string code, string name, string track = "cloud-titan")
    {
        var response = await Http.PostAsJsonAsync($"/api/sessions/{code}/students", new { name, track });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(code, body.GetProperty("studentId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary><c>POST /api/sessions/{code}/parts/{part}/{action}</c> with the instructor key.</summary>
    public async Task Pace(LabSession session, int part, string action)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{session.Code}/parts/{part}/{action}");
        request.Headers.Add("X-Instructor-Key", session.InstructorKey);
        var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{action} part {part}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
