using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSelection.Client.Load;

/// <summary>An HTTP request the gateway refused or could not answer; <see cref="Kind"/> names it briefly for the report.</summary>
public sealed class GatewayActionException(string kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Kind { get; } = kind;
}

/// <summary>
/// The gateway's HTTP API as the load generator calls it: one shared <see cref="HttpClient"/> over
/// one pooled handler for every simulated student, fixed request bodies encoded once.
/// </summary>
public sealed class GatewayHttp : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;

    public GatewayHttp(Uri gateway, TimeSpan timeout)
    {
        Gateway = gateway;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            EnableMultipleHttp2Connections = true,
        })
        {
            BaseAddress = gateway,
            Timeout = timeout,
        };
    }

    public Uri Gateway { get; }

    public static byte[] Encode(object body) => JsonSerializer.SerializeToUtf8Bytes(body, HubNames.Json);

    public async Task<LabCatalogView> Catalog(CancellationToken cancellationToken) =>
        await Read<LabCatalogView>(HttpMethod.Get, "/api/catalog", null, null, "catalog", cancellationToken).ConfigureAwait(false);

    public Task<CreatedSession> CreateSession(string title, CancellationToken cancellationToken) =>
        Read<CreatedSession>(HttpMethod.Post, "/api/sessions", Encode(new { title }), null, "session", cancellationToken);

    public Task OpenPart(CreatedSession session, int part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Send(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"/api/sessions/{session.Code}/parts/{part}/open"), null,
            request => request.Headers.Add("X-Instructor-Key", session.InstructorKey), "open", cancellationToken);
    }

    public Task<JoinedStudent> Join(string code, byte[] body, CancellationToken cancellationToken) =>
        Read<JoinedStudent>(HttpMethod.Post, $"/api/sessions/{code}/students", body, null, LoadActions.Join, cancellationToken);

    /// <summary>A student's call that answers nothing the generator needs (lock, knee, reflection).</summary>
    public Task Act(HttpMethod method, string path, byte[] body, string token, string action, CancellationToken cancellationToken) =>
        Send(method, path, body, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token), action, cancellationToken);

    private async Task<T> Read<T>(HttpMethod method, string path, byte[]? body, string? token, string action, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, body);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await Exchange(request, action, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(HubNames.Json, cancellationToken).ConfigureAwait(false)
            ?? throw new GatewayActionException($"{action}:empty", $"{action}: the gateway answered nothing.");
    }

    private async Task Send(HttpMethod method, string path, byte[]? body, Action<HttpRequestMessage> authorize, string action, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, body);
        authorize(request);
        using var response = await Exchange(request, action, cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, byte[]? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } };
        }
        return request;
    }

    private async Task<HttpResponseMessage> Exchange(HttpRequestMessage request, string action, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new GatewayActionException($"{action}:unreachable", $"{action}: could not reach the gateway at {Gateway}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayActionException($"{action}:timeout", $"{action}: the gateway at {Gateway} did not answer within {_http.Timeout.TotalSeconds:F0} s.", e);
        }
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new GatewayActionException(string.Create(CultureInfo.InvariantCulture, $"{action}:{status}"),
                string.Create(CultureInfo.InvariantCulture, $"{action}: the gateway answered {status}: {Truncate(detail)}"));
        }
        return response;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    public void Dispose() => _http.Dispose();
}
