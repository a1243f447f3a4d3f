using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace DataSelection.Gateway.Tests;

/// <summary>A session's instructor credentials.</summary>
public sealed record TestSession(string Code, string InstructorKey);

/// <summary>A joined student's credentials.</summary>
public sealed record TestStudent(string SessionCode, string StudentId, string Token);

/// <summary>Talks to a gateway the way a page does: JSON over HTTP, SignalR over WebSockets.</summary>
public sealed class LabApi(HttpClient http, TestServer? server = null)
{
    public HttpClient Http { get; } = http;

    public static LabApi For(LabGatewayFactory factory) => new(factory.CreateClient(), factory.Server);

    public async Task<TestSession> CreateSession(string title = "Seminar")
    {
        var response = await Http.PostAsJsonAsync("/api/sessions", new { title });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(body.GetProperty("code").GetString()!, body.GetProperty("instructorKey").GetString()!);
    }

    public async Task<TestStudent> Join(string code, string name = "Ada", string track = "cloud-titan")
    {
        var response = await Http.PostAsJsonAsync($"/api/sessions/{code}/students", new { name, track });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(code, body.GetProperty("studentId").GetString()!, body.GetProperty("token").GetString()!);
    }

    public Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token = null, string? json = null, string? instructorKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (instructorKey is not null)
        {
            request.Headers.Add("X-Instructor-Key", instructorKey);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Lock(TestStudent student, int part, string predictionJson) =>
        Send(HttpMethod.Put, $"/api/me/parts/{part}/lock", student.Token, $$"""{"prediction": {{predictionJson}}}""");

    public Task<HttpResponseMessage> Run(TestStudent student, int part, string parametersJson = "{}") =>
        Send(HttpMethod.Post, $"/api/me/parts/{part}/runs", student.Token, $$"""{"parameters": {{parametersJson}}}""");

    public Task<HttpResponseMessage> Reflect(TestStudent student, int part, string text = "Duplicates spend compute on tokens the model has already seen, so efficiency falls.") =>
        Send(HttpMethod.Put, $"/api/me/parts/{part}/reflection", student.Token, JsonSerializer.Serialize(new { text }));

    public async Task<JsonElement> Me(TestStudent student)
    {
        var response = await Send(HttpMethod.Get, "/api/me", student.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> Dashboard(TestSession session)
    {
        var response = await Send(HttpMethod.Get, $"/api/sessions/{session.Code}/dashboard", instructorKey: session.InstructorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public HubConnection LabHub(string token) => Hub($"/hubs/lab?access_token={Uri.EscapeDataString(token)}");

    /// <summary>
    /// Starts a lab hub connection and returns once the hub has taken it in (its groups joined, the grains subscribed).
    /// SignalR completes <c>StartAsync</c> at the handshake, before the hub's <c>OnConnectedAsync</c> has run, and
    /// dispatches a client's calls only after it: one round trip proves the connection is in, so a push sent next reaches it.
    /// </summary>
    public static async Task OpenLabHub(HubConnection hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("GetState");
    }

    /// <summary>As <see cref="OpenLabHub"/>, for an instructor's hub.</summary>
    public static async Task OpenInstructorHub(HubConnection hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("GetDashboard");
    }

    public HubConnection InstructorHub(TestSession session, string? key = null) =>
        Hub($"/hubs/instructor?code={session.Code}&key={Uri.EscapeDataString(key ?? session.InstructorKey)}");

    public HubConnection Hub(string pathAndQuery)
    {
        var testServer = server ?? throw new InvalidOperationException("Hubs need the in-process test server.");
        return new HubConnectionBuilder()
            .WithUrl(new Uri(testServer.BaseAddress, pathAndQuery), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                    await testServer.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken);
            })
            .Build();
    }
}

/// <summary>Assertions on problem+json refusals.</summary>
public static class Problem
{
    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "A refusal must say why.");
        return problem;
    }

    public static async Task ExpectRule(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        var problem = await Expect(response, status);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
    }
}

/// <summary>Waits for something that happens asynchronously, with a bounded timeout instead of sleeps.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
            await Task.Delay(50);
        }
    }
}
