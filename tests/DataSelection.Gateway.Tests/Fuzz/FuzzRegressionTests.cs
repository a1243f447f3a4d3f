using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DataSelection.Gateway.Tests.Fuzz;

/// <summary>Cases the fuzzer found answered with a 500, kept as they were generated so the fixes stay fixed.</summary>
[Trait("Category", "Security")]
public sealed class FuzzRegressionTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Theory]
    [InlineData(2, """{"prediction": {"choice": "x\uD800samex"}}""")]
    [InlineData(3, """{"prediction": {"choice": "xdegra\uD800desx"}}""")]
    public async Task A_lone_surrogate_in_a_choice_is_refused_as_invalid_input_not_a_server_error(int part, string body)
    {
        var room = await FuzzClassroom.Open(api);
        var before = await room.Snapshot();

        var response = await api.Send(HttpMethod.Put, $"/api/me/parts/{part}/lock", room.Student.Token, body);

        await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await room.Snapshot());
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_run_parameter_is_refused_as_invalid_input()
    {
        var room = await FuzzClassroom.Open(api);
        var before = await room.Snapshot();

        var response = await api.Run(room.Student, 2, """{"strategy": "margin\uDC00"}""");

        await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await room.Snapshot());
    }

    [Theory]
    [InlineData("application/json; charset=bogus-42")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_body_in_an_unknown_or_non_utf8_charset_is_refused_with_415(string contentType)
    {
        var room = await FuzzClassroom.Open(api);
        var before = await room.Snapshot();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/me/parts/2/lock")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"prediction": {"choice": "same"}}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", room.Student.Token);

        await Problem.Expect(await api.Http.SendAsync(request), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await room.Snapshot());
    }

    [Theory]
    [InlineData("text/html", "GET", "/api/me", null, 401)]
    [InlineData("application/xml", "GET", "/api/sessions/ZZZZZZZZ", null, 404)]
    [InlineData("text/plain", "POST", "/api/me/parts/2/knee", """{"value": 1,5}""", 400)]
    [InlineData("image/png", "PUT", "/api/me/parts/1/reflection", """{"text": "too short"}""", 400)]
    public async Task A_refusal_is_a_problem_with_a_reason_whatever_the_client_accepts(string accept, string method, string path, string? body, int status)
    {
        var room = await FuzzClassroom.Open(api);
        var token = status == 401 ? null : room.Student.Token;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        request.Headers.TryAddWithoutValidation("Accept", accept);

        await Problem.Expect(await api.Http.SendAsync(request), (HttpStatusCode)status);
    }
}
