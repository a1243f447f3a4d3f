using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Gateway.Tests.Fuzz;

/// <summary>
/// Generated hub invocations: every method of both hubs with wrong arity, wrong types, nulls, huge
/// values and invalid parameters, plus unknown method names and malformed protocol frames. Each gets
/// a clear hub error (never "an unexpected error"), and the classroom is unchanged afterwards.
/// </summary>
[Trait("Category", "Security")]
public sealed class HubFuzzTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private const int Seed = 20_260_602;
    private const int Invocations = 600;
    private const int RawFrames = 80;


    private static readonly string[] HostileMethodNames =
        ["run", "Run ", "RUN", "OnConnectedAsync", "OnDisconnectedAsync", "Dispose", "Context", "GetState\0", " ", "GetDashboard", "Run\u202E", new('R', 5_000)];

    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Hub_methods_answer_generated_bad_invocations_with_a_clear_error_and_the_classroom_is_unchanged()
    {
        var room = await FuzzClassroom.Open(api);
        var before = await room.Snapshot();
        var input = new HostileInput(Seed);
        var failures = new List<string>();
        var sent = 0;
        var serverErrors = 0;

        var lab = await Connect(api.LabHub(room.Student.Token));
        var instructor = await Connect(api.InstructorHub(room.Session));
        for (var index = 0; index < Invocations; index++)
        {
            var toInstructor = input.Chance(0.2);
            var (method, arguments, oversized) = toInstructor ? InstructorInvocation(input) : LabInvocation(input);
            var connection = toInstructor ? instructor : lab;
            var described = $"seed {Seed} case {index}: {(toInstructor ? "instructor" : "lab")}.{Shorten(method)}({string.Join(", ", arguments.Select(Describe))})";
            sent++;
            try
            {
                await connection.InvokeCoreAsync(method, typeof(JsonElement), arguments);
                failures.Add($"invalid invocation accepted: {described}");
            }
            catch (HubException exception) when (IsServerError(exception.Message))
            {
                serverErrors++;
                failures.Add($"server error: {described} → {exception.Message}");
            }
            catch (HubException)
            {
                // A clear refusal: unknown method, wrong arity or types, or the lab rule broken.
            }
            catch (Exception exception) when (exception is InvalidOperationException or TaskCanceledException or IOException)
            {
                failures.Add($"invocation failed: {described} → {exception.Message}");
            }
            if (oversized)
            {
                // The server closes a connection that sent too much, and the client may learn of it only after the
                // call has failed: wait for that here, or the next case would be sent on a closing connection.
                await ClosedOrStillOpenAfter(connection, TimeSpan.FromSeconds(10));
            }
            if (connection.State != HubConnectionState.Connected)
            {
                // Over the hub's message size limit the server closes the connection; nothing else may.
                if (!oversized)
                {
                    failures.Add($"connection closed by: {described}");
                }
                await connection.DisposeAsync();
                if (toInstructor)
                {
                    instructor = await Connect(api.InstructorHub(room.Session));
                }
                else
                {
                    lab = await Connect(api.LabHub(room.Student.Token));
                }
            }
        }
        await lab.DisposeAsync();
        await instructor.DisposeAsync();

        for (var index = 0; index < RawFrames; index++, sent++)
        {
            var frame = RawFrame(input, room);
            var answer = await SendRawFrame(room.Student.Token, frame);
            if (IsServerError(answer))
            {
                serverErrors++;
                failures.Add($"server error: seed {Seed} raw frame {index}: {Shorten(frame)} → {answer}");
            }
        }
        var after = await room.Snapshot();

        SecurityFigures.Record(SecurityFigures.FuzzCases, sent, "hub");
        SecurityFigures.Record(SecurityFigures.ServerErrors, serverErrors, "hub");
        Assert.True(failures.Count == 0, FuzzResults.Report(failures));
        Assert.Equal(before, after);
    }

    private static async Task ClosedOrStillOpenAfter(HubConnection connection, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (connection.State == HubConnectionState.Connected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// SignalR words every hub error "An unexpected error occurred invoking …"; a deliberate refusal
    /// (a <see cref="HubException"/>, as the lab's rules are) then carries its message, anything else
    /// (the hub's 5xx) carries none, or with detailed errors another exception's name.
    /// </summary>
    private static bool IsServerError(string message) =>
        message.Contains("unexpected error", StringComparison.OrdinalIgnoreCase) && !message.Contains("HubException: ", StringComparison.Ordinal);

    private static async Task<HubConnection> Connect(HubConnection connection)
    {
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A lab hub invocation that must be refused; <c>oversized</c> when it is over the hub's 4 KB message limit (DataSelection:Hubs:MaximumReceiveMessageSize).</summary>
    private static (string Method, object?[] Arguments, bool Oversized) LabInvocation(HostileInput input)
    {
        var part = 1 + input.Next(3);
        return input.Next(8) switch
        {
            0 when input.Pick(HostileMethodNames) is var name => (name, [part, Parameters(input, part)], OverLimit(name)),
            1 => ("GetState", [.. Enumerable.Range(0, 1 + input.Next(3)).Select(_ => WrongValue(input))], false),
            2 => ("Run", [.. Enumerable.Range(0, input.Pick([0, 1, 3, 4])).Select(_ => (object?)part)], false),
            3 => ("Run", [WrongValue(input), Parameters(input, part)], false),
            4 => ("Run", [input.Pick<object>([0, 4, -1, int.MaxValue, int.MinValue]), Json(ObjectShape.Run(2).Fields[0].Shape.Valid(input))], false),
            5 when input.Chance(0.1) => ("Run", [part, new string('x', 40_000 + input.Next(200_000))], true),
            _ => ("Run", [part, Parameters(input, part)], false),
        };
    }

    /// <summary>A method name that alone takes a message past the hub's 4 KB limit.</summary>
    private static bool OverLimit(string method) => Encoding.UTF8.GetByteCount(method) > 4_096;

    private static (string Method, object?[] Arguments, bool Oversized) InstructorInvocation(HostileInput input) => input.Next(3) switch
    {
        0 when input.Pick(HostileMethodNames.Where(m => m != "GetDashboard").ToList()) is var name => (name, [], OverLimit(name)),
        1 => ("Run", [1, null], false),
        _ => ("GetDashboard", [.. Enumerable.Range(0, 1 + input.Next(3)).Select(_ => WrongValue(input))], false),
    };

    /// <summary>Parameters a part must refuse (never null or left out, which mean "the track's defaults").</summary>
    private static JsonElement Parameters(HostileInput input, int part)
    {
        var shape = ObjectShape.Run(part).Fields[0].Shape;
        while (true)
        {
            var text = shape.Invalid(input);
            // Malformed JSON and escaped lone surrogates cannot leave a JSON hub client; the raw frames below send them.
            if (HostileInput.IsJson(Encoding.UTF8.GetBytes(text)) && Json(text) is var element && CanSend(element))
            {
                return element;
            }
        }
    }

    /// <summary>A value of the wrong kind for an <c>int</c> part (or for a method that takes nothing).</summary>
    private static object? WrongValue(HostileInput input) => input.Next(9) switch
    {
        0 => "1",
        1 => 1.5,
        2 => null,
        3 => true,
        4 => 9_007_199_254_740_993L,
        5 => 1e308,
        6 => Json("{}"),
        7 => Json("[1, 2]"),
        _ => input.OddText(),
    };

    /// <summary>A SignalR JSON protocol frame that is malformed or asks for something the hub does not have.</summary>
    private static string RawFrame(HostileInput input, FuzzClassroom room)
    {
        const char End = '\u001e';
        var invocation = $$"""{"type":1,"invocationId":"1","target":"Run","arguments":[1,{{ObjectShape.Run(1).Fields[0].Shape.Invalid(input)}}]}""";
        return input.Next(8) switch
        {
            0 => input.Truncated(invocation) + End,
            1 => invocation,
            2 => invocation.Replace("\"type\":1", $"\"type\":{input.Pick(["0", "99", "-1", "\"1\"", "null", "1e308"])}", StringComparison.Ordinal) + End,
            3 => invocation.Replace("\"target\":\"Run\"", $"\"target\":{input.NotAString()}", StringComparison.Ordinal) + End,
            4 => invocation.Replace("\"arguments\":[1,", $"\"arguments\":{input.NotAString()},\"x\":[1,", StringComparison.Ordinal) + End,
            5 => $$"""{"type":1,"invocationId":"1","target":"Run","arguments":[1,{}],"streamIds":["{{input.Letters(3)}}"]}""" + End,
            6 => Encoding.Latin1.GetString(input.Garbage()) + End,
            _ => $$"""{"type":1,"invocationId":{{input.NotAString()}},"target":"GetState","arguments":[]}""" + End + room.Session.Code,
        };
    }

    /// <summary>Opens a raw WebSocket to the lab hub, shakes hands, sends <paramref name="frame"/> and returns what came back before the close or a short wait.</summary>
    private async Task<string> SendRawFrame(string token, string frame)
    {
        var client = factory.Server.CreateWebSocketClient();
        using var socket = await client.ConnectAsync(new Uri(factory.Server.BaseAddress, $"/hubs/lab?access_token={Uri.EscapeDataString(token)}"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);
        var received = new StringBuilder();
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                received.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
        catch (OperationCanceledException)
        {
            // The server is waiting for more (a frame without its end marker): nothing went wrong.
        }
        return received.ToString();
    }

    private static bool CanSend(JsonElement element)
    {
        try
        {
            JsonSerializer.Serialize(element);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Describe(object? argument) => argument switch
    {
        null => "null",
        JsonElement element => Shorten(element.GetRawText()),
        string text => Shorten(HostileInput.JsonString(text)),
        _ => Convert.ToString(argument, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), $"…(+{text.Length - 200})");
}
