using System.Text;

namespace DataSelection.Gateway.Tests.Fuzz;

/// <summary>
/// One generated HTTP request. <see cref="MustRefuse"/> cases are invalid by construction and must
/// get a 4xx; the others (odd queries and headers on read-only routes) may also succeed. None may get a 5xx.
/// </summary>
public sealed record FuzzRequest(
    string Method,
    string Path,
    byte[]? Body = null,
    string? ContentType = "application/json",
    IReadOnlyList<(string Name, string Value)>? Headers = null,
    bool Chunked = false,
    bool MustRefuse = true)
{
    public static FuzzRequest Json(string method, string path, string body, params (string Name, string Value)[] headers) =>
        new(method, path, Encoding.UTF8.GetBytes(body), Headers: headers);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
        foreach (var (name, value) in Headers ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (Body is not null)
        {
            message.Content = Chunked ? new StreamContent(new MemoryStream(Body)) : new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            if (Chunked)
            {
                message.Headers.TransferEncodingChunked = true;
            }
        }
        return message;
    }

    /// <summary>How the case reads in a failure message: enough to reproduce it by hand.</summary>
    public string Describe()
    {
        var body = Body is null ? "(no body)" : Shorten(Encoding.UTF8.GetString(Body), 300) + $" [{Body.Length} bytes]";
        var headers = string.Join("; ", (Headers ?? []).Select(h => $"{h.Name}: {Shorten(h.Value, 80)}"));
        return $"{Method} {Shorten(Path, 200)} ({ContentType ?? "no content type"}{(Chunked ? ", chunked" : "")}) {headers} {body}";
    }

    private static string Shorten(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), $"…(+{text.Length - length})");
}

/// <summary>Sends generated requests and keeps what went wrong: 5xx answers, and invalid cases that were not refused.</summary>
public sealed class FuzzResults
{
    private readonly List<string> failures = [];

    public int Sent { get; private set; }

    public int ServerErrors { get; private set; }

    public IReadOnlyList<string> Failures => failures;

    public async Task Send(HttpClient http, FuzzRequest request, int seed, int index)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        using var message = request.ToMessage();
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Sent++;
        var status = (int)response.StatusCode;
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        string? wrong = null;
        if (status >= 500)
        {
            ServerErrors++;
            wrong = "server error";
        }
        else if (request.MustRefuse && status is < 400 or >= 500)
        {
            wrong = "invalid input accepted";
        }
        else if (status >= 400 && !problem && request.Path.StartsWith("/api/", StringComparison.Ordinal))
        {
            // The lab's API refuses with problem+json whatever the Accept header; hubs and OpenAPI in their own plain words.
            wrong = "refusal without a problem+json body";
        }
        else if (status >= 400 && text.Length == 0 && request.Method != "HEAD")
        {
            wrong = "refusal without a reason";
        }
        if (wrong is not null)
        {
            failures.Add($"{wrong}: seed {seed} case {index}: {request.Describe()} → {status} {text[..Math.Min(text.Length, 300)]}");
        }
    }

    public void Add(string failure) => failures.Add(failure);

    public void CountSent(int count = 1) => Sent += count;

    public void CountServerError() => ServerErrors++;

    public static string Report(IReadOnlyList<string> failures) =>
        $"{failures.Count} failure(s); by kind: {string.Join(", ", failures.GroupBy(f => f[..f.IndexOf(':', StringComparison.Ordinal)]).Select(g => $"{g.Key} ×{g.Count()}"))}; the first:\n"
        + string.Join("\n", failures.GroupBy(f => f[..f.IndexOf(':', StringComparison.Ordinal)]).SelectMany(g => g.Take(4)));
}

/// <summary>Header values that identify nobody.</summary>
public static class HostileCredentials
{
    public static string Token(HostileInput input, string genuine)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(genuine);
        var flip = input.Next(genuine.Length);
        return input.Next(8) switch
        {
            0 => string.Concat(genuine.AsSpan(0, flip), genuine[flip] == 'A' ? "B" : "A", genuine.AsSpan(flip + 1)),
            1 => genuine[..flip],
            2 => genuine + "." + input.Letters(8),
            3 => new string('A', 16_000),
            4 => input.OddText(),
            5 => Convert.ToBase64String(Encoding.UTF8.GetBytes(input.OddText())),
            6 => "",
            _ => new string([.. genuine.Reverse()]) is var reversed && reversed != genuine ? reversed : genuine + "x",
        };
    }

    /// <summary>An <c>Authorization</c> header carrying no valid student token.</summary>
    public static (string, string) Authorization(HostileInput input, string genuine)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = Token(input, genuine);
        return ("Authorization", input.Next(5) switch
        {
            0 => "Basic " + token,
            1 => "Bearer",
            2 => "bearer  " + token + " trailing",
            _ => "Bearer " + token,
        });
    }

    public static (string, string) InstructorKey(HostileInput input, string genuine) => ("X-Instructor-Key", Token(input, genuine));
}

/// <summary>Headers that change how a body is read without making it valid.</summary>
public static class HostileContent
{
    /// <summary>Content types the JSON routes must refuse even for a valid body.</summary>
    public static IReadOnlyList<string?> WrongContentTypes { get; } =
    [
        null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/octet-stream", "application/jsonx", "text/json", "application/json; charset=utf-16",
        "application/json; charset=utf-32", "application/json; charset=bogus-42", "application/json; charset=\"\"", "*/*",
    ];
}
