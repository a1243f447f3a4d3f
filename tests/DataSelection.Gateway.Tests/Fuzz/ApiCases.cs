using System.Text;

namespace DataSelection.Gateway.Tests.Fuzz;

/// <summary>
/// Generated requests for every route of the gateway's route table, keyed by route pattern: mutated
/// bodies (from <see cref="ObjectShape"/>), path values, query values and credentials. A route
/// without an entry here fails the fuzz test, so a new route cannot go unfuzzed.
/// </summary>
public static class ApiCases
{
    private const int HugeBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// A case for <paramref name="route"/>, sometimes asking for an answer in a form other than JSON
    /// (as a browser or a scraper would), which must not turn a refusal into a server error.
    /// </summary>
    public static FuzzRequest Generate(string route, HostileInput input, FuzzClassroom room)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = ByRoute[route](input, room);
        return input.Chance(0.15)
            ? request with { Headers = [.. request.Headers ?? [], ("Accept", input.Pick(HostileAccepts))] }
            : request;
    }

    private static readonly string[] HostileAccepts = ["text/html", "application/xml", "text/plain", "image/png", "\u00e9/\u00e9", "", "application/problem+xml", "*/*;q=0"];

    /// <summary>Path values that are not a part (1, 2 or 3) however they are parsed (no NUL: see <see cref="Code"/>).</summary>
    private static readonly string[] HostileParts =
        ["0", "4", "-1", "9007199254740993", "2147483648", "-2147483649", "1.0", "1e0", "one", "%F0%9F%98%80", "%2e%2e", "1;2", "0x1", "%D9%A3", "NaN"];

    private static readonly string[] HostileWholeNumbers =
        ["0", "-1", "201", "abc", "1.5", "1e3", "9007199254740993", "99999999999999999999", "NaN", "Infinity", "%00", "1,2", "\U0001F600", "0x10"];

    /// <summary>The case generator of each route pattern; routes that are not the lab's (health, metrics, OpenAPI) get odd queries and headers, which they may answer.</summary>
    public static IReadOnlyDictionary<string, Func<HostileInput, FuzzClassroom, FuzzRequest>> ByRoute { get; } =
        new Dictionary<string, Func<HostileInput, FuzzClassroom, FuzzRequest>>(StringComparer.Ordinal)
        {
            ["/api/catalog"] = (input, _) => ReadOnly(input, "/api/catalog"),
            ["/api/sessions/"] = (input, _) => WithBody(input, "POST", "/api/sessions", ObjectShape.Title()),
            ["/api/sessions/{code}"] = (input, room) => ReadOnly(input, $"/api/sessions/{(input.Chance(0.8) ? Code(input, room) : room.Session.Code.ToLowerInvariant())}"),
            ["/api/sessions/{code}/students"] = (input, room) => input.Chance(0.75)
                ? WithBody(input, "POST", $"/api/sessions/{room.Session.Code}/students", ObjectShape.Join())
                : FuzzRequest.Json("POST", $"/api/sessions/{Code(input, room)}/students", ObjectShape.Join().Valid(input)),
            ["/api/me/"] = (input, room) => Student(input, room, "GET", "/api/me", null),
            ["/api/me/parts/{part:int}/lock"] = (input, room) => StudentPart(input, room, "PUT", "lock", ObjectShape.Lock),
            ["/api/me/parts/{part:int}/runs"] = (input, room) => StudentPart(input, room, "POST", "runs", ObjectShape.Run),
            ["/api/me/parts/2/knee"] = (input, room) => Student(input, room, "POST", "/api/me/parts/2/knee", ObjectShape.Knee()),
            ["/api/me/parts/{part:int}/reflection"] = (input, room) => StudentPart(input, room, "PUT", "reflection", _ => ObjectShape.Reflection()),
            ["/api/me/ledger"] = (input, room) => Student(input, room, "GET", "/api/me/ledger", null),
            ["/api/me/ledger.md"] = (input, room) => Student(input, room, "GET", "/api/me/ledger.md", null),
            ["/api/sessions/{code}/dashboard"] = (input, room) => Instructor(input, room, "GET", "dashboard"),
            ["/api/sessions/{code}/roster"] = (input, room) => input.Chance(0.5)
                ? Instructor(input, room, "GET", "roster")
                : input.Chance(0.5)
                    ? InstructorQuery(input, room, "roster", "pageSize", HostileWholeNumbers)
                    // Any page from 1 up is a page (past the end it is empty), so 201 is not hostile there.
                    : InstructorQuery(input, room, "roster", "page", [.. HostileWholeNumbers.Where(n => n != "201")]),
            ["/api/sessions/{code}/parts/{part:int}/open"] = (input, room) => Pacing(input, room, "open"),
            ["/api/sessions/{code}/parts/{part:int}/close"] = (input, room) => Pacing(input, room, "close"),
            ["/api/sessions/{code}/parts/{part:int}/reveal"] = (input, room) => Pacing(input, room, "reveal"),
            // Only refusals: a genuine end would end the classroom the other cases need.
            ["/api/sessions/{code}/end"] = (input, room) => input.Chance(0.5)
                ? new FuzzRequest("POST", $"/api/sessions/{room.Session.Code}/end", Headers: [("X-Instructor-Key", HostileCredentials.Token(input, room.Session.InstructorKey))])
                : new FuzzRequest("POST", $"/api/sessions/{Code(input, room)}/end", Headers: [("X-Instructor-Key", room.Session.InstructorKey)]),
            ["/api/sessions/{code}/export"] = (input, room) => input.Chance(0.5)
                ? Instructor(input, room, "GET", "export")
                : InstructorQuery(input, room, "export", "format", ["xlsx", "CSV ", "csv\0", "jsonl", "../json", "json&format=csv", "%00", "\U0001F600"]),
            ["/hubs/lab"] = (input, room) => Hub(input, $"/hubs/lab?access_token={Escape(HostileCredentials.Token(input, room.Student.Token))}"),
            ["/hubs/lab/negotiate"] = (input, room) => Hub(input, $"/hubs/lab/negotiate?negotiateVersion={Escape(input.NumberToken())}&access_token={Escape(HostileCredentials.Token(input, room.Student.Token))}", "POST"),
            ["/hubs/instructor"] = (input, room) => Hub(input, InstructorHubQuery(input, room, "/hubs/instructor")),
            ["/hubs/instructor/negotiate"] = (input, room) => Hub(input, InstructorHubQuery(input, room, "/hubs/instructor/negotiate"), "POST"),
            ["/openapi/{documentName}.json"] = (input, _) => ReadOnly(input, $"/openapi/{Escape(input.Pick(["v1", "v2", "..", "v1.json", input.OddText()]))}.json"),
            ["/metrics"] = (input, _) => ReadOnly(input, "/metrics"),
            ["/health/live"] = (input, _) => ReadOnly(input, "/health/live"),
            ["/health/ready"] = (input, _) => ReadOnly(input, "/health/ready"),
        };

    private static FuzzRequest ReadOnly(HostileInput input, string path)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var query = input.Chance(0.5) ? $"{separator}{Escape(input.OddText())}={Escape(input.Poisoned(input.OddText()))}&x={Escape(input.NumberToken())}" : "";
        return new FuzzRequest(
            input.Pick(["GET", "GET", "GET", "HEAD", "POST", "DELETE", "OPTIONS"]),
            path + query,
            Headers: input.Chance(0.5) ? [("X-Forwarded-For", input.OddText()), ("Accept-Language", input.OddText())] : null,
            MustRefuse: false);
    }

    /// <summary>A body route (anonymous): an invalid body, or a valid body sent wrongly (content type, size, chunking).</summary>
    private static FuzzRequest WithBody(HostileInput input, string method, string path, ObjectShape shape, params (string, string)[] headers) =>
        input.Next(10) switch
        {
            < 6 => FuzzRequest.Json(method, path, shape.Invalid(input), headers),
            6 => new FuzzRequest(method, path, input.Garbage(), Headers: headers),
            7 => FuzzRequest.Json(method, path, input.Pick<Func<string>>(
            [
                () => input.Truncated(shape.Valid(input)),
                () => shape.Valid(input) + shape.Valid(input),
                () => shape.Valid(input).Insert(1, "/* comment */"),
                () => shape.Valid(input)[..^1] + ",}",
                () => "{\"" + shape.Fields[0].Name + "\": " + input.DeepNesting() + "}",
                () => input.DeepNesting(),
            ])(), headers),
            8 => new FuzzRequest(method, path, Encoding.UTF8.GetBytes(shape.Valid(input)), input.Pick(HostileContent.WrongContentTypes), headers),
            _ => Huge(input, method, path, shape, headers),
        };

    /// <summary>A 10 MB body: a valid shape with one field blown up, sent with a length (or chunked, without one).</summary>
    private static FuzzRequest Huge(HostileInput input, string method, string path, ObjectShape shape, (string, string)[] headers)
    {
        var field = shape.Fields[0].Name;
        var filler = input.Chance(0.5) ? new string('x', HugeBodyBytes) : new string('9', HugeBodyBytes);
        var body = filler[0] == 'x' ? $"{{\"{field}\": \"{filler}\"}}" : $"{{\"{field}\": {filler}}}";
        return new FuzzRequest(method, path, Encoding.UTF8.GetBytes(body), Headers: headers, Chunked: input.Chance(0.5));
    }

    private static FuzzRequest Student(HostileInput input, FuzzClassroom room, string method, string path, ObjectShape? shape)
    {
        var body = shape is null ? null : Encoding.UTF8.GetBytes(shape.Valid(input));
        if (shape is null || input.Chance(0.25))
        {
            // No valid token: refused before anything is read, whatever the body.
            return new FuzzRequest(method, path, body, Headers: input.Chance(0.15) ? [] : [HostileCredentials.Authorization(input, room.Student.Token)]);
        }
        return WithBody(input, method, path, shape, ("Authorization", "Bearer " + room.Student.Token));
    }

    private static FuzzRequest StudentPart(HostileInput input, FuzzClassroom room, string method, string action, Func<int, ObjectShape> shapeFor)
    {
        var part = 1 + input.Next(3);
        if (input.Chance(0.2))
        {
            // A part that is not one, with a body that would be valid for Part 2.
            return FuzzRequest.Json(method, $"/api/me/parts/{input.Pick(HostileParts)}/{action}", shapeFor(2).Valid(input), ("Authorization", "Bearer " + room.Student.Token));
        }
        return Student(input, room, method, $"/api/me/parts/{part}/{action}", shapeFor(part));
    }

    private static FuzzRequest Instructor(HostileInput input, FuzzClassroom room, string method, string action) =>
        input.Chance(0.5)
            ? new FuzzRequest(method, $"/api/sessions/{room.Session.Code}/{action}", Headers: input.Chance(0.2) ? [] : [HostileCredentials.InstructorKey(input, room.Session.InstructorKey)])
            : new FuzzRequest(method, $"/api/sessions/{Code(input, room)}/{action}", Headers: [("X-Instructor-Key", room.Session.InstructorKey)]);

    private static FuzzRequest InstructorQuery(HostileInput input, FuzzClassroom room, string action, string name, IReadOnlyList<string> values) =>
        new("GET", $"/api/sessions/{room.Session.Code}/{action}?{name}={Escape(input.Pick(values))}{(input.Chance(0.2) ? $"&{name}=1" : "")}",
            Headers: [("X-Instructor-Key", room.Session.InstructorKey)]);

    private static FuzzRequest Pacing(HostileInput input, FuzzClassroom room, string action) => input.Next(3) switch
    {
        0 => Instructor(input, room, "POST", $"parts/{1 + input.Next(3)}/{action}"),
        _ => new FuzzRequest("POST", $"/api/sessions/{room.Session.Code}/parts/{input.Pick(HostileParts)}/{action}", Headers: [("X-Instructor-Key", room.Session.InstructorKey)]),
    };

    private static FuzzRequest Hub(HostileInput input, string pathAndQuery, string method = "GET") =>
        new(method, pathAndQuery, Headers: input.Chance(0.3) ? [("Connection", "Upgrade"), ("Upgrade", "websocket")] : null);

    private static string InstructorHubQuery(HostileInput input, FuzzClassroom room, string path) => input.Chance(0.5)
        ? $"{path}?code={room.Session.Code}&key={Escape(HostileCredentials.Token(input, room.Session.InstructorKey))}"
        : $"{path}?code={Code(input, room)}&key={Escape(room.Session.InstructorKey)}";

    /// <summary>A path segment that names no session: wrong length or letters, look-alikes, traversal, control characters.</summary>
    private static string Code(HostileInput input, FuzzClassroom room)
    {
        while (true)
        {
            var code = input.Next(6) switch
            {
                0 => Escape(input.Letters(input.Next(12))),
                1 => Escape(input.OddText()),
                2 => Escape(input.Poisoned(room.Session.Code)),
                3 => input.Pick(["..", "%2e%2e", "%2F", "%FF", "%C0%AF", "%u0041"]),
                4 => new string('Z', 8 + input.Next(2) * 10_000),
                _ => string.Concat(room.Session.Code.AsSpan(0, 7), room.Session.Code[7] == 'Z' ? "Y" : "Z"),
            };
            // A NUL in a path is refused by the server before routing (Kestrel answers 400), and the test host cannot send one.
            if (!string.Equals(code, room.Session.Code, StringComparison.OrdinalIgnoreCase) && code.Length > 0 && !code.Contains("%00", StringComparison.Ordinal))
            {
                return code;
            }
        }
    }

    /// <summary>Percent-encodes a value; a lone surrogate goes out as the bytes it would have in CESU-8 (invalid UTF-8 in a URL).</summary>
    private static string Escape(string value)
    {
        var escaped = new StringBuilder();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var paired = char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (paired)
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                escaped.Append(Uri.EscapeDataString(value[start..i]));
                foreach (var b in new[] { 0xE0 | (value[i] >> 12), 0x80 | ((value[i] >> 6) & 0x3F), 0x80 | (value[i] & 0x3F) })
                {
                    escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
                start = i + 1;
            }
        }
        return escaped.Append(Uri.EscapeDataString(value[start..])).ToString();
    }
}
